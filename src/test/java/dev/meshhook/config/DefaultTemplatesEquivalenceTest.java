package dev.meshhook.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorConfigException;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.KubeInject;
import dev.meshhook.inject.MeshConfig;
import dev.meshhook.inject.merge.PodShape;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * meshhook's default templates against Istio's: both configurations run through the same injector over the input
 * fixtures of Istio's golden cases, and the injected workloads must be equal as data. Our values keep their own
 * hub/tag in the packaged file; here they are swapped for Istio's test ones so that only the templates differ.
 *
 * <p>Three sets: the cases of ../shared/conformance/istio-inject/cases.yaml with default settings, the remaining
 * cases with their settings patches applied to both sides, and settings/annotation variations of our own (CNI,
 * TPROXY, interception NONE, hold-application, status port 0, resources, certificates, templates gateway,
 * grpc-simple, grpc-agent, ...). Each pod is checked in kube-inject mode and in webhook mode.
 */
class DefaultTemplatesEquivalenceTest {

    private static final Path SHARED = Path.of("..", "shared", "conformance", "istio-inject");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> WORKLOADS = Set.of("Deployment", "DeploymentConfig", "DaemonSet", "StatefulSet",
            "Job", "ReplicaSet", "ReplicationController", "CronJob", "Pod");

    private static JsonNode istioConfig;
    private static JsonNode istioValues;
    private static JsonNode istioMesh;
    private static JsonNode ourConfig;
    private static JsonNode ourValues;
    private static JsonNode ourMesh;
    private static List<JsonNode> cases;

    @BeforeAll
    static void load() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED),
                "../shared/conformance/istio-inject is absent: skipping the comparison with Istio's templates");
        istioConfig = YAML.readTree(Files.readString(SHARED.resolve("injector/config.yaml")));
        istioValues = JSON.readTree(Files.readString(SHARED.resolve("injector/values.json")));
        istioMesh = YAML.readTree(Files.readString(SHARED.resolve("injector/mesh.yaml")));
        ourConfig = YAML.readTree(EmbeddedDefaults.config());
        ObjectNode values = (ObjectNode) JSON.readTree(EmbeddedDefaults.values());
        ObjectNode global = (ObjectNode) values.get("global");
        global.set("hub", istioValues.at("/global/hub"));
        global.set("tag", istioValues.at("/global/tag"));
        ourValues = values;
        ourMesh = YAML.readTree(EmbeddedDefaults.mesh());
        cases = new ArrayList<>();
        YAML.readTree(Files.readString(SHARED.resolve("cases.yaml"))).path("cases").forEach(cases::add);
        try {
            injector(istioConfig, istioValues, istioMesh, null, null, null, F.objectNode());
        } catch (InjectorConfigException e) {
            // the comparison needs an injector that can run the reference; its own tests report why it cannot
            Assumptions.abort("the injector does not parse Istio's reference templates: " + e.getMessage());
        }
    }

    @Test
    void defaultSettingsCasesInjectTheSame() throws Exception {
        Tally tally = new Tally();
        for (JsonNode c : cases) {
            if (isDefaultSettings(c)) runCase(c, tally);
        }
        tally.check(60);
    }

    @Test
    void casesWithSettingsPatchesInjectTheSame() throws Exception {
        Tally tally = new Tally();
        for (JsonNode c : cases) {
            if (!isDefaultSettings(c)) runCase(c, tally);
        }
        tally.check(20);
    }

    @Test
    void settingsVariationsInjectTheSame() throws Exception {
        List<String> inputs = List.of("hello.yaml", "multi-container.yaml", "hello-probes.yaml", "only-proxy-container.yaml");
        JsonNode defaults = JSON.readTree("{\"cluster\":{\"nodes\":[{\"name\":\"n1\",\"kubeletVersion\":\"v1.33.0\"}]}}");
        Tally tally = new Tally();
        for (Variation v : variations()) {
            for (String input : inputs) {
                for (JsonNode doc : injectableDocs(Files.readString(SHARED.resolve("fixtures").resolve(input)))) {
                    ObjectNode annotated = doc.deepCopy();
                    ObjectNode meta = templateMeta(annotated);
                    ObjectNode ann = meta.path("annotations").isObject() ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
                    v.annotations.forEach(ann::put);
                    JsonNode c = v.env.isEmpty() ? defaults : withEnv(defaults, v.env);
                    compare(v.name + " / " + input, c, JSON.valueToTree(v.values), JSON.valueToTree(v.mesh), annotated, tally);
                }
            }
        }
        tally.check(100);
    }

    // ------------------------------------------------------------------------------------------ running

    private static boolean isDefaultSettings(JsonNode c) {
        return isEmpty(c.path("values_patch")) && isEmpty(c.path("config_patch")) && isEmpty(c.path("mesh_patch"))
                && isEmpty(c.path("env"));
    }

    private static boolean isEmpty(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.isEmpty();
    }

    private static void runCase(JsonNode c, Tally tally) throws Exception {
        String text = Files.readString(SHARED.resolve(c.path("input").asText()));
        for (JsonNode doc : injectableDocs(text)) {
            compare(c.path("name").asText(), c, c.path("values_patch"), c.path("mesh_patch"), doc, tally);
        }
    }

    /** Injects one document with Istio's and with our configuration, in both modes, and compares. */
    private static void compare(String label, JsonNode c, JsonNode valuesPatch, JsonNode meshPatch, JsonNode doc,
                                Tally tally) throws Exception {
        JsonNode configPatch = c.path("config_patch");
        Injector istio = injector(istioConfig, istioValues, istioMesh, configPatch, valuesPatch, meshPatch, c);
        Injector ours = injector(ourConfig, ourValues, ourMesh, configPatch, valuesPatch, meshPatch, c);

        tally.record(label + " [kube-inject]", kubeInject(istio, doc), kubeInject(ours, doc));

        ObjectNode pod = PodShape.pod(objectToPod((ObjectNode) doc));
        String namespace = doc.path("metadata").path("namespace").asText("");
        tally.record(label + " [webhook]", webhook(istio, pod, namespace), webhook(ours, pod, namespace));
    }

    private static Injector injector(JsonNode config, JsonNode values, JsonNode mesh, JsonNode configPatch,
                                     JsonNode valuesPatch, JsonNode meshPatch, JsonNode c) throws Exception {
        Map<String, String> env = new HashMap<>();
        c.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Map<String, String> nodes = new LinkedHashMap<>();
        c.path("cluster").path("nodes").forEach(n -> nodes.put(n.path("name").asText(), n.path("kubeletVersion").asText()));
        Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
        c.path("cluster").path("namespaces").forEach(n -> {
            Map<String, String> a = new LinkedHashMap<>();
            n.path("annotations").fields().forEachRemaining(e -> a.put(e.getKey(), e.getValue().asText()));
            namespaces.put(n.path("name").asText(), a);
        });
        return Injector.create(
                InjectorConfig.parse(JSON.writeValueAsString(mergePatch(config, configPatch))),
                InjectorValues.parse(JSON.writeValueAsString(mergePatch(values, valuesPatch))),
                MeshConfig.parse(JSON.writeValueAsString(mergePatch(mesh, meshPatch))),
                "default", InjectorEnv.fromVariables(env), ClusterFacts.of(nodes, namespaces));
    }

    private static String kubeInject(Injector injector, JsonNode doc) {
        try {
            return JSON.writeValueAsString(new KubeInject(injector).injectObject(doc.deepCopy()).object());
        } catch (Exception e) {
            return "error: " + e.getMessage();
        }
    }

    private static String webhook(Injector injector, ObjectNode pod, String namespace) throws Exception {
        InjectionOutcome out = injector.inject(new InjectionRequest(pod.deepCopy(), namespace, ""));
        if (out instanceof InjectionOutcome.Injected injected) {
            return JSON.writeValueAsString(JsonPatch.apply(injected.patch(), pod.deepCopy()));
        }
        if (out instanceof InjectionOutcome.Skipped skipped) return "skipped: " + skipped.reason();
        return "failed: " + ((InjectionOutcome.Failed) out).message();
    }

    // ------------------------------------------------------------------------------------------ variations

    private record Variation(String name, Map<String, Object> values, Map<String, Object> mesh,
                             Map<String, String> annotations, Map<String, String> env) {}

    private static List<Variation> variations() throws Exception {
        List<Variation> out = new ArrayList<>();
        String[][] table = {
            // name, values patch, mesh patch, pod annotations, env
            {"cni", "{\"pilot\":{\"cni\":{\"enabled\":true}}}", "{}", "{}", "{}"},
            {"cni multus", "{\"pilot\":{\"cni\":{\"enabled\":true,\"provider\":\"multus\"}}}", "{}",
                "{\"k8s.v1.cni.cncf.io/networks\":\"a/b\"}", "{}"},
            {"cni tproxy ports interfaces", "{\"pilot\":{\"cni\":{\"enabled\":true}},\"global\":{\"proxy\":{\"excludeOutboundPorts\":\"9\",\"includeOutboundPorts\":\"8\",\"excludeIPRanges\":\"10.0.0.0/8\"}}}", "{}",
                "{\"sidecar.istio.io/interceptionMode\":\"TPROXY\",\"traffic.sidecar.istio.io/kubevirtInterfaces\":\"eth1\",\"istio.io/reroute-virtual-interfaces\":\"eth2\",\"traffic.sidecar.istio.io/excludeInterfaces\":\"eth3\"}", "{}"},
            {"tproxy low ports", "{}", "{}", "{\"sidecar.istio.io/interceptionMode\":\"TPROXY\",\"sidecar.istio.io/capNetBindService\":\"true\"}", "{}"},
            {"interception none", "{}", "{}", "{\"sidecar.istio.io/interceptionMode\":\"NONE\"}", "{}"},
            {"interception none, no native", "{}", "{}", "{\"sidecar.istio.io/interceptionMode\":\"NONE\"}", "{\"ENABLE_NATIVE_SIDECARS\":\"false\"}"},
            {"hold application", "{\"global\":{\"proxy\":{\"holdApplicationUntilProxyStarts\":true}}}", "{}", "{}", "{\"ENABLE_NATIVE_SIDECARS\":\"false\"}"},
            {"lifecycle", "{\"global\":{\"proxy\":{\"lifecycle\":{\"preStop\":{\"exec\":{\"command\":[\"sleep\",\"5\"]}}}}}}", "{}", "{}", "{}"},
            {"seccomp privileged logging", "{\"global\":{\"proxy\":{\"seccompProfile\":{\"type\":\"RuntimeDefault\"},\"privileged\":true},\"logAsJson\":true,\"nativeNftables\":true,\"imagePullPolicy\":\"Always\",\"proxy_init\":{\"forceApplyIptables\":true}}}", "{}", "{}", "{}"},
            {"status port 0", "{\"global\":{\"proxy\":{\"statusPort\":0}}}", "{}", "{}", "{}"},
            {"resource annotations", "{}", "{}", "{\"sidecar.istio.io/proxyCPU\":\"1\",\"sidecar.istio.io/proxyMemoryLimit\":\"1Gi\"}", "{}"},
            {"gke ca, other cert provider", "{\"global\":{\"caName\":\"GkeWorkloadCertificate\",\"pilotCertProvider\":\"kubernetes\",\"caAddress\":\"ca.example:15012\"}}", "{}", "{}", "{}"},
            {"mtls certs", "{\"global\":{\"mountMtlsCerts\":true}}", "{}", "{}", "{}"},
            {"cluster trust bundle", "{\"pilot\":{\"env\":{\"ENABLE_CLUSTER_TRUST_BUNDLE_API\":true}},\"global\":{\"trustBundleName\":\"tb\"}}", "{}", "{}", "{}"},
            {"revision network mesh id", "{\"revision\":\"canary\",\"global\":{\"network\":\"n1\",\"meshID\":\"m1\",\"multiCluster\":{\"clusterName\":\"c1\"},\"sts\":{\"servicePort\":15012},\"proxy\":{\"outlierLogPath\":\"/x\"}}}", "{}", "{}", "{}"},
            {"bootstrap override, datadog", "{\"global\":{\"proxy\":{\"tracer\":\"datadog\"}}}", "{}",
                "{\"sidecar.istio.io/bootstrapOverride\":\"bs\",\"apm.datadoghq.com/env\":\"{\\\"DD_ENV\\\":\\\"prod\\\"}\"}", "{}"},
            {"proxy metadata", "{}", "{\"defaultConfig\":{\"proxyMetadata\":{\"ISTIO_META_ENABLE_HBONE\":\"true\",\"IPTABLES_TRACE_LOGGING\":\"true\",\"FOO\":\"bar\"}}}", "{}", "{}"},
            {"localhost inbound", "{}", "{\"inboundTrafficPolicy\":{\"mode\":\"LOCALHOST\"}}", "{}", "{}"},
            {"fips-140-3", "{}", "{}", "{}", "{\"COMPLIANCE_POLICY\":\"fips-140-3\"}"},
            {"image pull secrets", "{\"global\":{\"imagePullSecrets\":[\"a\",\"b\"]}}", "{}", "{}", "{}"},
            {"image and log annotations", "{}", "{}", "{\"sidecar.istio.io/proxyImage\":\"my/image:1\",\"sidecar.istio.io/logLevel\":\"debug\",\"sidecar.istio.io/agentLogLevel\":\"x:debug\",\"sidecar.istio.io/componentLogLevel\":\"a:b\"}", "{}"},
            {"readiness annotations", "{}", "{}", "{\"readiness.status.sidecar.istio.io/initialDelaySeconds\":\"5\",\"readiness.status.sidecar.istio.io/periodSeconds\":\"6\",\"readiness.status.sidecar.istio.io/failureThreshold\":\"7\",\"status.sidecar.istio.io/port\":\"123\"}", "{}"},
            {"no startup probe", "{\"global\":{\"proxy\":{\"startupProbe\":{\"enabled\":false}}}}", "{}", "{}", "{}"},
            {"native sidecar off by annotation", "{}", "{}", "{\"sidecar.istio.io/nativeSidecar\":\"false\"}", "{}"},
            {"user volumes", "{}", "{}", "{\"sidecar.istio.io/userVolumeMount\":\"{\\\"v\\\":{\\\"mountPath\\\":\\\"/v\\\"}}\",\"sidecar.istio.io/userVolume\":\"{\\\"v\\\":{\\\"emptyDir\\\":{}}}\"}", "{}"},
            {"template gateway", "{\"gateways\":{\"securityContext\":{\"runAsUser\":5}}}", "{}", "{\"inject.istio.io/templates\":\"gateway\"}", "{}"},
            {"template gateway defaults", "{}", "{}", "{\"inject.istio.io/templates\":\"gateway\"}", "{}"},
            {"template grpc-simple", "{}", "{}", "{\"inject.istio.io/templates\":\"grpc-simple\"}", "{}"},
            {"template grpc-agent", "{}", "{}", "{\"inject.istio.io/templates\":\"grpc-agent\"}", "{}"},
            {"template sidecar,grpc-agent", "{}", "{}", "{\"inject.istio.io/templates\":\"sidecar,grpc-agent\"}", "{}"},
        };
        for (String[] row : table) {
            out.add(new Variation(row[0], map(row[1]), map(row[2]), strings(row[3]), strings(row[4])));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) throws Exception {
        return JSON.readValue(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(String json) throws Exception {
        return JSON.readValue(json, Map.class);
    }

    private static JsonNode withEnv(JsonNode c, Map<String, String> env) {
        ObjectNode copy = c.deepCopy();
        copy.set("env", JSON.valueToTree(env));
        return copy;
    }

    // ------------------------------------------------------------------------------------------ documents

    /** Workload documents of a fixture: split on "\n---" like Istio's harness, List items flattened. */
    private static List<JsonNode> injectableDocs(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String piece : text.split("\n---", -1)) {
            JsonNode n = YAML.readTree(piece);
            if (n != null) addWorkloads(n, out);
        }
        return out;
    }

    private static void addWorkloads(JsonNode n, List<JsonNode> out) {
        if (!n.isObject()) return;
        String kind = n.path("kind").asText("");
        if (kind.equals("List")) {
            n.path("items").forEach(item -> addWorkloads(item, out));
        } else if (WORKLOADS.contains(kind)) {
            out.add(n);
        }
    }

    /** The pod template's metadata of a workload (the metadata itself for a Pod), created when absent. */
    private static ObjectNode templateMeta(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        ObjectNode holder = doc;
        if (!kind.equals("Pod")) {
            ObjectNode spec = (ObjectNode) doc.get("spec");
            if (kind.equals("CronJob")) spec = (ObjectNode) spec.get("jobTemplate").get("spec");
            holder = (ObjectNode) spec.get("template");
        }
        return holder.path("metadata").isObject() ? (ObjectNode) holder.get("metadata") : holder.putObject("metadata");
    }

    /** The pod the API server would admit for a workload, with a controller owner reference. */
    private static ObjectNode objectToPod(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        if (kind.equals("Pod")) return doc.deepCopy();
        String name = doc.path("metadata").path("name").asText("");
        ObjectNode copy = doc.deepCopy();
        ObjectNode meta = templateMeta(copy);
        JsonNode template = kind.equals("CronJob") ? copy.at("/spec/jobTemplate/spec/template") : copy.at("/spec/template");
        ObjectNode owner = F.objectNode().put("apiVersion", doc.path("apiVersion").asText("")).put("kind", kind)
                .put("name", name).put("controller", true);
        meta.put("generateName", name);
        if (kind.equals("Deployment")) {
            meta.put("generateName", name + "-fake-");
            ObjectNode labels = meta.path("labels").isObject() ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
            labels.put("pod-template-hash", "fake");
            owner.put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", name + "-fake");
        }
        meta.set("ownerReferences", F.arrayNode().add(owner));
        ObjectNode pod = F.objectNode().put("apiVersion", "v1").put("kind", "Pod");
        pod.set("metadata", meta);
        pod.set("spec", template.path("spec").isObject() ? template.get("spec") : F.objectNode());
        return pod;
    }

    /** RFC 7386 JSON merge patch: objects merge by key, null deletes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (patch == null || patch.isMissingNode()) return target.deepCopy();
        if (!patch.isObject()) return patch.deepCopy();
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ results

    /** Collects equal/different outcomes; fails listing every difference. */
    private static final class Tally {
        private int equal;
        private int injected;
        private final List<String> differences = new ArrayList<>();

        void record(String label, String istio, String ours) {
            if (istio.equals(ours)) {
                equal++;
                if (istio.startsWith("{")) injected++;
            } else {
                differences.add(label + "\n  istio: " + abbreviate(istio) + "\n  ours:  " + abbreviate(ours)
                        + "\n  first difference: " + firstDifference(istio, ours));
            }
        }

        void check(int minimumInjected) {
            System.out.printf("default templates equivalence: %d equal (%d injected), %d different%n",
                    equal, injected, differences.size());
            if (!differences.isEmpty()) {
                fail(differences.size() + " outcome(s) differ from Istio's templates:\n" + String.join("\n", differences));
            }
            assertTrue(injected >= minimumInjected, "too few injected comparisons: " + injected);
        }

        private static String abbreviate(String s) {
            return s.length() > 300 ? s.substring(0, 300) + "..." : s;
        }

        private static String firstDifference(String a, String b) {
            try {
                JsonNode x = JSON.readTree(a);
                JsonNode y = JSON.readTree(b);
                return diff("", x, y);
            } catch (Exception e) {
                return "(not JSON)";
            }
        }

        private static String diff(String path, JsonNode a, JsonNode b) {
            if (a.equals(b)) return null;
            if (a.isObject() && b.isObject()) {
                Set<String> keys = new java.util.TreeSet<>();
                a.fieldNames().forEachRemaining(keys::add);
                b.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    JsonNode x = a.get(k);
                    JsonNode y = b.get(k);
                    if (x == null || y == null) return path + "/" + k + ": " + x + " vs " + y;
                    String d = diff(path + "/" + k, x, y);
                    if (d != null) return d;
                }
            }
            if (a.isArray() && b.isArray()) {
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    String d = diff(path + "/" + i, a.get(i), b.get(i));
                    if (d != null) return d;
                }
                if (a.size() != b.size()) return path + ": " + a.size() + " vs " + b.size() + " items";
            }
            return path + ": " + a + " vs " + b;
        }
    }
}
