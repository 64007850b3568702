package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.gotemplate.FuncMap;
import dev.meshhook.gotemplate.FuncMaps;
import dev.meshhook.gotemplate.GoValues;
import dev.meshhook.gotemplate.TemplateException;
import dev.meshhook.gotemplate.TemplateSet;
import dev.meshhook.inject.merge.ContainerOverrides;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.PodMergeException;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.StrategicMerge;
import dev.meshhook.inject.post.OpenShift;
import dev.meshhook.inject.post.PostProcessContext;
import dev.meshhook.inject.post.PostProcessException;
import dev.meshhook.inject.post.PostProcessor;
import dev.meshhook.inject.post.PrometheusMerge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Istio's sidecar injection pipeline as a pure library (inject-spec b, c, d, e, f, g): decision, template
 * rendering, strategic merge, post-processing and the JSON patch. Built once from the injector config, values,
 * mesh config, revision, istiod environment and cluster facts; templates are parsed at construction. Immutable and
 * thread-safe: one instance serves all requests until the configuration changes.
 *
 * <p>The webhook ({@link #inject}) and kube-inject ({@link #kubeInject()}) share one pipeline; they differ only in
 * the {@link Mode} that {@link #kubeInject()} switches on (inject-spec h.3).
 */
public final class Injector {
    static final String PROXY = "istio-proxy";
    static final String STATUS = "sidecar.istio.io/status";
    static final String OVERRIDES = "proxy.istio.io/overrides";
    static final String PROXY_CONFIG_ANNOTATION = "proxy.istio.io/config";
    static final String TEMPLATES_ANNOTATION = "inject.istio.io/templates";
    static final String NATIVE_ANNOTATION = "sidecar.istio.io/nativeSidecar";
    static final String NETWORK_LABEL = "topology.istio.io/network";
    static final String DEFAULT_CLUSTER = "Kubernetes";

    /** Webhook or kube-inject behaviour (inject-spec h.3). */
    enum Mode { WEBHOOK, KUBE_INJECT }

    /** An empty pod in Go-JSON shape: where the template pod starts (merges never modify their input). */
    private static final ObjectNode EMPTY_POD = emptyPod();

    private static ObjectNode emptyPod() {
        try {
            return PodShape.pod(Json.F.objectNode());
        } catch (GoDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private final InjectorConfig config;
    private final InjectorValues values;
    private final Object valuesModel;
    private final MeshConfig mesh;
    private final String revision;
    private final InjectorEnv env;
    private final ClusterFacts cluster;
    private final Map<String, TemplateSet> templates;
    private final Mode mode;

    private Injector(InjectorConfig config, InjectorValues values, MeshConfig mesh, String revision, InjectorEnv env,
                     ClusterFacts cluster, Map<String, TemplateSet> templates, Mode mode) {
        this.config = config;
        this.values = values;
        this.valuesModel = GoValues.fromJson(values.tree());
        this.mesh = mesh;
        this.revision = revision == null ? "" : revision;
        this.env = env;
        this.cluster = cluster == null ? ClusterFacts.NONE : cluster;
        this.templates = templates;
        this.mode = mode;
    }

    /**
     * Builds an injector and parses every template.
     *
     * @param revision istiod's revision as the webhook reports it ({@code default} for the default revision)
     * @throws InjectorConfigException when a template does not parse (Istio rejects the whole config)
     */
    public static Injector create(InjectorConfig config, InjectorValues values, MeshConfig mesh, String revision,
                                  InjectorEnv env, ClusterFacts cluster) throws InjectorConfigException {
        InjectorEnv e = env == null ? InjectorEnv.defaults() : env;
        FuncMap funcs = TemplateFunctions.forEnv(e);
        Map<String, TemplateSet> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : config.templates().entrySet()) {
            try {
                parsed.put(t.getKey(), TemplateSet.parse("inject", t.getValue(), funcs));
            } catch (TemplateException ex) {
                throw new InjectorConfigException("failed to parse template " + Json.goQuote(t.getKey()) + ": " + ex.getMessage(), ex);
            }
        }
        return new Injector(config, values, mesh, revision, e, cluster, Collections.unmodifiableMap(parsed), Mode.WEBHOOK);
    }

    /**
     * The same injector in kube-inject mode (inject-spec h.2, h.3): policy enabled without selectors, default
     * templates {@code ["sidecar"]} and no aliases, no injected annotations, revision {@code default} mapped to
     * {@code ""}, no OpenShift namespace lookup, empty path environment, ProxyConfig and {@code .MeshConfig} with the
     * pod's {@code proxy.istio.io/config} merged in. Templates are shared, not re-parsed.
     */
    public Injector kubeInject() {
        String rev = "default".equals(revision) ? "" : revision;
        return new Injector(InjectorConfig.ofTemplates(config.templates()), values, mesh, rev, env, cluster, templates,
                Mode.KUBE_INJECT);
    }

    public InjectorConfig config() { return config; }

    public InjectorValues values() { return values; }

    public MeshConfig mesh() { return mesh; }

    public String revision() { return revision; }

    public InjectorEnv env() { return env; }

    ClusterFacts clusterFacts() { return cluster; }

    /**
     * Whether two runs on the same pod, path and cluster facts always give the same outcome: no template calls a
     * function that returns random text ({@link FuncMaps#nondeterministic()}).
     */
    public boolean deterministic() {
        Set<String> random = FuncMaps.nondeterministic();
        for (TemplateSet t : templates.values()) {
            for (String f : t.functionNames()) {
                if (random.contains(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- webhook

    /**
     * The webhook path (inject-spec a.4, b, d, e, f, g). Never throws: problems become
     * {@link InjectionOutcome.Failed} with Istio's message.
     */
    public InjectionOutcome inject(InjectionRequest request) {
        if (request == null || request.pod() == null)
            return new InjectionOutcome.Failed("no pod in the admission request");
        ObjectNode pod;
        try {
            pod = PodShape.pod(request.pod()); // a new tree in Go-JSON shape; the request stays untouched
        } catch (GoDecodeException e) {
            return new InjectionOutcome.Failed(e.getMessage());
        }
        ObjectNode meta = Json.obj(pod, "metadata");
        meta.remove("managedFields");
        if (Json.text(meta, "namespace").isEmpty() && request.namespace() != null && !request.namespace().isEmpty())
            meta.put("namespace", request.namespace());
        List<String> warnings = new ArrayList<>();
        InjectionDecision decision = InjectionDecision.decide(pod, config.policy(), config.neverInjectSelector(),
                config.alwaysInjectSelector());
        if (!decision.inject()) return new InjectionOutcome.Skipped(decision.reason());
        warnings.addAll(decision.warnings());
        Map<String, String> pathEnv = PathEnv.parse(request.path(), warnings);
        try {
            Result r = injectPod(pod, WorkloadIdentity.fromPod(pod), pathEnv, warnings);
            return new InjectionOutcome.Injected(r.patch(), List.copyOf(r.warnings()));
        } catch (InjectionException e) {
            return new InjectionOutcome.Failed(e.getMessage());
        }
    }

    /**
     * Why a pod would (not) be injected and which templates would apply — for {@code explain}. The pod is the
     * admission object; {@code namespace} defaults its namespace as the webhook does.
     */
    public Explanation explain(ObjectNode pod, String namespace) {
        ObjectNode p = pod.deepCopy();
        ObjectNode meta = Json.obj(p, "metadata");
        if (Json.text(meta, "namespace").isEmpty() && namespace != null && !namespace.isEmpty()) meta.put("namespace", namespace);
        InjectionDecision d = mode == Mode.KUBE_INJECT
                ? InjectionDecision.decide(p, "enabled", List.of(), List.of())
                : InjectionDecision.decide(p, config.policy(), config.neverInjectSelector(), config.alwaysInjectSelector());
        List<String> selected = selectTemplates(Json.stringMap(meta.get("annotations")));
        List<String> missing = new ArrayList<>();
        for (String s : selected) if (!templates.containsKey(s)) missing.add(s);
        return new Explanation(d.inject(), d.reason(), d.warnings(), selected, missing,
                WorkloadIdentity.fromPod(p));
    }

    /**
     * What {@link #explain} reports.
     *
     * @param inject            decision
     * @param reason            the rule that decided
     * @param warnings          warnings raised by the decision
     * @param templates         templates that would be rendered, in order (aliases expanded)
     * @param missingTemplates  selected names without a template (injection would fail)
     * @param workload          workload identity the templates would see
     */
    public record Explanation(boolean inject, String reason, List<String> warnings, List<String> templates,
                              List<String> missingTemplates, WorkloadIdentity workload) {}

    // ---------------------------------------------------------------------------------------------- pipeline

    /** Result of the shared pipeline: the final pod, the patch from the original, and warnings. */
    record Result(ObjectNode original, ObjectNode injected, ArrayNode patch, List<String> warnings) {}

    /**
     * {@code injectPod} (inject-spec f.0-g) on a pod in Go-JSON shape ({@link PodShape#pod}) whose namespace is
     * already defaulted and whose decision was "inject". The pod may be modified (OpenShift reset).
     */
    Result injectPod(ObjectNode pod, WorkloadIdentity identity, Map<String, String> pathEnv, List<String> warnings)
            throws InjectionException {
        String clusterId = clusterId(pathEnv);
        if (mode == Mode.WEBHOOK && env.openshift()) {
            String reset = OpenShift.resetProxyUserMatchingApp(pod);
            if (reset != null) warnings.add(reset);
        }
        String dns = Json.pathText(pod, "spec", "dnsPolicy");
        if (!dns.isEmpty() && !dns.equals("ClusterFirst"))
            warnings.add("\"" + Json.pathText(pod, "metadata", "namespace") + "/" + podName(pod)
                    + "\"'s DNSPolicy is not \"ClusterFirst\". The Envoy sidecar may not able to connect to Istio Pilot");
        ObjectNode original = pod;
        Map<String, String> annotations = Json.stringMap(original.path("metadata").get("annotations"));

        // ProxyConfig: mesh defaultConfig + pod annotation; kube-inject also shows it as .MeshConfig (c.4).
        ProxyConfig proxyConfig = mesh.defaultConfig();
        MeshConfig templateMesh = mesh;
        String pcAnnotation = annotations.get(PROXY_CONFIG_ANNOTATION);
        if (pcAnnotation != null) {
            try {
                proxyConfig = proxyConfig.merge(pcAnnotation);
                if (mode == Mode.KUBE_INJECT) templateMesh = mesh.withDefaultConfig(proxyConfig);
            } catch (InjectorConfigException e) {
                if (mode == Mode.KUBE_INJECT) throw new InjectionException(e.getMessage());
                // the webhook ignores a bad annotation here; annotation validation below reports it
            }
        }
        boolean nativeSidecars = detectNativeSidecars(env.enableNativeSidecars(), cluster, clusterId,
                Json.pathText(original, "spec", "nodeName"), warnings);

        Rendered rendered = runTemplates(original, identity, pathEnv, proxyConfig, templateMesh, nativeSidecars, clusterId);
        ObjectNode merged;
        try {
            merged = ContainerOverrides.reapply(rendered.merged(), original, rendered.template(), proxyConfig.interceptionMode());
        } catch (PodMergeException e) {
            throw new InjectionException("failed to re apply container: " + e.getMessage());
        }
        // f.7: mesh defaultConfig with the original pod's annotation (no ProxyConfig resources) — proxyConfig itself
        boolean hold = values.holdApplicationUntilProxyStarts() || proxyConfig.holdApplicationUntilProxyStarts();
        PostProcessContext ctx = new PostProcessContext(pathEnv, mesh.defaultConfig().statusPort(),
                mesh.enablePrometheusMerge(), values.rewriteAppHTTPProbe(), revision,
                mode == Mode.KUBE_INJECT ? Map.of() : config.injectedAnnotations(), hold);
        ObjectNode target;
        try {
            // a pod built by the merges belongs to this request; only the original itself must stay untouched
            target = merged == original ? PostProcessor.apply(merged, rendered.template(), ctx)
                    : PostProcessor.applyInPlace(merged, rendered.template(), ctx);
        } catch (PostProcessException e) {
            throw new InjectionException("failed to process pod: " + e.getMessage());
        }
        return new Result(original, target, JsonPatchDiff.diff(original, target), warnings);
    }

    /**
     * {@code .NativeSidecars} (inject-spec f.8): the flag, then the kubelet versions of the pod's node or of every
     * node of its cluster; auto mode without cluster access yields false.
     */
    static boolean detectNativeSidecars(String flag, ClusterFacts facts, String clusterId, String nodeName,
                                        List<String> warnings) {
        return NativeSidecars.decide(flag, facts, clusterId, nodeName, warnings);
    }

    private String clusterId(Map<String, String> pathEnv) {
        String c = pathEnv.getOrDefault("ISTIO_META_CLUSTER_ID", "");
        if (c.isEmpty()) c = values.clusterName();
        return c.isEmpty() ? DEFAULT_CLUSTER : c;
    }

    static String podName(JsonNode pod) {
        String name = Json.pathText(pod, "metadata", "name");
        if (!name.isEmpty()) return name;
        String gen = Json.pathText(pod, "metadata", "generateName");
        return gen.isEmpty() ? "" : gen + "***** (actual name not yet known)";
    }

    record Rendered(ObjectNode merged, ObjectNode template) {}

    /** {@code RunTemplate} (inject-spec d.1). */
    private Rendered runTemplates(ObjectNode original, WorkloadIdentity identity, Map<String, String> pathEnv,
                                  ProxyConfig proxyConfig, MeshConfig templateMesh, boolean nativeSidecars,
                                  String clusterId) throws InjectionException {
        Map<String, String> annotations = Json.stringMap(original.path("metadata").get("annotations"));
        String invalid = AnnotationValidation.validate(annotations);
        if (invalid != null) throw new InjectionException("failed to run injection template: " + invalid);

        // d.1 step 2: cluster and network (the map is shared with post-processing)
        String clusterName = values.clusterName();
        if (!pathEnv.getOrDefault("ISTIO_META_CLUSTER_ID", "").isEmpty()) clusterName = pathEnv.get("ISTIO_META_CLUSTER_ID");
        String network = values.network();
        if (!pathEnv.getOrDefault("ISTIO_META_NETWORK", "").isEmpty()) network = pathEnv.get("ISTIO_META_NETWORK");
        Map<String, String> labels = Json.stringMap(original.path("metadata").get("labels"));
        if (labels.containsKey(NETWORK_LABEL)) network = labels.get(NETWORK_LABEL);
        if (!clusterName.isEmpty()) pathEnv.put("ISTIO_META_CLUSTER_ID", clusterName);
        if (!network.isEmpty()) pathEnv.put("ISTIO_META_NETWORK", network);

        ObjectNode stripped = strip(original);
        reinsertOverrides(stripped);

        long[] ids = {1337, 1337};
        if (mode == Mode.WEBHOOK && env.openshift()) {
            cluster.namespaceAnnotations(clusterId, Json.pathText(original, "metadata", "namespace"))
                    .ifPresent(a -> {
                        long[] got = OpenShift.proxyIds(a);
                        ids[0] = got[0];
                        ids[1] = got[1];
                    });
        }
        Map<String, String> strippedAnnotations = Json.stringMap(stripped.path("metadata").get("annotations"));
        TemplateData data = TemplateData.build(identity, stripped, proxyConfig, templateMesh, valuesModel, revision,
                nativeSidecars, ProxyImages.proxyImage(values, proxyConfig, strippedAnnotations),
                ProxyImages.proxyInitImage(values, strippedAnnotations), ids[0], ids[1], env.compliancePolicy());

        List<String> selected = selectTemplates(annotations);
        ObjectNode templatePod = EMPTY_POD;
        ObjectNode merged = original;
        for (String name : selected) {
            TemplateSet t = templates.get(name);
            if (t == null) {
                throw new InjectionException("failed to run injection template: requested template " + Json.goQuote(name)
                        + " not found; have " + String.join(", ", templates.keySet()));
            }
            String text;
            try {
                text = t.execute(data);
            } catch (TemplateException e) {
                throw new InjectionException("failed to run injection template: " + e.getMessage());
            }
            JsonNode overlay;
            try {
                overlay = Json.readYaml(text);
            } catch (JsonProcessingException e) {
                throw new InjectionException("failed to run injection template: failed applying injection overlay: "
                        + "strategic merge: error converting YAML to JSON: yaml: " + e.getOriginalMessage());
            }
            if (overlay.isMissingNode() || overlay.isNull()) continue;
            try {
                templatePod = StrategicMerge.applyToShaped(templatePod, overlay);
            } catch (PodMergeException e) {
                throw new InjectionException("failed to run injection template: failed applying injection overlay: " + e.getMessage());
            }
            boolean nativeMove = nativeSidecars;
            String podNative = Json.pathText(merged, "metadata", "annotations", NATIVE_ANNOTATION);
            if (podNative.equals("true")) nativeMove = true;
            else if (podNative.equals("false")) nativeMove = false;
            if (nativeMove && find(Json.arr(templatePod.path("spec"), "initContainers"), PROXY) >= 0) {
                ArrayNode containers = Json.arr(merged.path("spec"), "containers");
                int at = find(containers, PROXY);
                if (at >= 0) {
                    merged = merged.deepCopy();
                    ObjectNode spec = (ObjectNode) merged.get("spec");
                    ArrayNode cs = (ArrayNode) spec.get("containers");
                    JsonNode proxy = cs.remove(at);
                    ArrayNode inits = spec.get("initContainers") instanceof ArrayNode a ? a : spec.putArray("initContainers");
                    inits.add(proxy);
                }
            }
            try {
                merged = StrategicMerge.applyToShaped(merged, overlay);
            } catch (PodMergeException e) {
                throw new InjectionException("failed to run injection template: failed parsing generated injected YAML "
                        + "(check Istio sidecar injector configuration): " + e.getMessage());
            }
        }
        return new Rendered(merged, templatePod);
    }

    /** {@code selectTemplates} (c.5): the annotation, else defaultTemplates; one level of aliases. */
    List<String> selectTemplates(Map<String, String> annotations) {
        List<String> names = new ArrayList<>();
        String a = annotations.get(TEMPLATES_ANNOTATION);
        if (a != null) {
            for (String p : a.split(",", -1)) names.add(p.trim());
        } else {
            names.addAll(mode == Mode.KUBE_INJECT ? List.of("sidecar") : config.defaultTemplates());
        }
        if (mode == Mode.KUBE_INJECT || config.aliases().isEmpty()) return names;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            List<String> alias = config.aliases().get(n);
            if (alias != null) out.addAll(alias);
            else out.add(n);
        }
        return out;
    }

    static int find(JsonNode list, String name) {
        if (list == null || !list.isArray()) return -1;
        for (int i = 0; i < list.size(); i++) if (name.equals(list.get(i).path("name").asText(null))) return i;
        return -1;
    }

    /** {@code stripPod} (d.1 step 3) on a copy; the pod is returned unchanged when the status is missing or bad. */
    private ObjectNode strip(ObjectNode original) {
        String status = Json.pathText(original, "metadata", "annotations", STATUS);
        if (status.isEmpty() && !original.path("metadata").path("annotations").has(STATUS)) return original;
        JsonNode parsed;
        try {
            parsed = Json.JSON.readTree(status);
        } catch (JsonProcessingException e) {
            return original;
        }
        if (parsed == null || !parsed.isObject()) return original;
        ObjectNode pod = original.deepCopy();
        ObjectNode spec = (ObjectNode) pod.path("spec");
        removeNamed(spec, "containers", parsed.get("containers"));
        removeNamed(spec, "initContainers", parsed.get("initContainers"));
        ObjectNode ann = (ObjectNode) pod.path("metadata").path("annotations");
        String statusPort = Integer.toString(mesh.defaultConfig().statusPort());
        boolean injectedPrometheus = false;
        for (Map.Entry<String, String> e : Json.stringMap(ann).entrySet())
            if (PrometheusMerge.sanitize(e.getKey()).equals("prometheus_io_port") && e.getValue().equals(statusPort)) injectedPrometheus = true;
        if (injectedPrometheus) {
            List<String> drop = new ArrayList<>();
            ann.fieldNames().forEachRemaining(k -> {
                String s = PrometheusMerge.sanitize(k);
                if (s.equals("prometheus_io_path") || s.equals("prometheus_io_port") || s.equals("prometheus_io_scrape")
                        || s.equals("prometheus_istio_io_scrape_targets")) drop.add(k);
            });
            drop.forEach(ann::remove);
        }
        ann.remove(STATUS);
        if (ann.isEmpty()) ((ObjectNode) pod.get("metadata")).remove("annotations");
        return pod;
    }

    private static void removeNamed(ObjectNode spec, String field, JsonNode names) {
        if (names == null || !names.isArray() || !(spec.get(field) instanceof ArrayNode list)) return;
        Set<String> drop = new HashSet<>();
        names.forEach(n -> drop.add(n.asText()));
        for (int i = list.size() - 1; i >= 0; i--) if (drop.contains(list.get(i).path("name").asText())) list.remove(i);
        if (list.isEmpty() && !field.equals("containers")) spec.remove(field);
    }

    /** {@code reinsertOverrides} (d.1 step 4). */
    private static void reinsertOverrides(ObjectNode stripped) throws InjectionException {
        String text = Json.pathText(stripped, "metadata", "annotations", OVERRIDES);
        if (!stripped.path("metadata").path("annotations").has(OVERRIDES)) return;
        ContainerOverrides.Parsed parsed;
        try {
            parsed = ContainerOverrides.parse(text);
        } catch (GoDecodeException e) {
            throw new InjectionException("failed to run injection template: " + e.getMessage());
        }
        ObjectNode spec = (ObjectNode) stripped.path("spec");
        for (JsonNode c : parsed.containers()) {
            ArrayNode cs = spec.get("containers") instanceof ArrayNode a ? a : spec.putArray("containers");
            if (find(cs, c.path("name").asText()) < 0) cs.add(c);
        }
        for (JsonNode c : parsed.initContainers()) {
            ArrayNode cs = spec.get("initContainers") instanceof ArrayNode a ? a : spec.putArray("initContainers");
            if (find(cs, c.path("name").asText()) < 0) cs.add(c);
        }
    }
}
