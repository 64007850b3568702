package dev.meshhook.cluster.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders k8s/base and the revision overlay, parses every object into fabric8's typed model with unknown fields
 * rejected, and checks that names, ports, paths, selectors and RBAC agree across files. When kubectl is installed,
 * its own kustomize rendering must equal ours.
 */
class ManifestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final String NS = "meshhook-system";
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("Namespace", Namespace.class), Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("Role", Role.class), Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("ClusterRole", ClusterRole.class), Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("ConfigMap", ConfigMap.class), Map.entry("Service", Service.class),
            Map.entry("Deployment", Deployment.class), Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("MutatingWebhookConfiguration", MutatingWebhookConfiguration.class),
            Map.entry("ValidatingWebhookConfiguration", ValidatingWebhookConfiguration.class));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"k8s/base, default, ''", "k8s/overlays/revision-canary, canary, -canary"})
    void manifestsAgreeAcrossFiles(String dir, String revision, String suffix) throws Exception {
        List<ObjectNode> docs = KustomizeLite.render(Path.of(dir));
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode d : docs) {
            objects.add(typed(d));
        }
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : objects) {
            assertTrue(ids.add(o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()),
                    "duplicate " + o.getKind() + " " + o.getMetadata().getName());
            boolean clusterScoped = o instanceof Namespace || o instanceof ClusterRole || o instanceof ClusterRoleBinding
                    || o instanceof MutatingWebhookConfiguration || o instanceof ValidatingWebhookConfiguration;
            assertEquals(clusterScoped ? null : NS, o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
        }
        assertEquals(suffix.isEmpty(), objects.stream().anyMatch(o -> o instanceof Namespace),
                "the namespace belongs to the default install only");

        Deployment deploy = one(objects, Deployment.class);
        Service service = one(objects, Service.class);
        ServiceAccount sa = one(objects, ServiceAccount.class);
        Role role = one(objects, Role.class);
        RoleBinding roleBinding = one(objects, RoleBinding.class);
        ClusterRole clusterRole = one(objects, ClusterRole.class);
        ClusterRoleBinding clusterRoleBinding = one(objects, ClusterRoleBinding.class);
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        MutatingWebhookConfiguration mwc = one(objects, MutatingWebhookConfiguration.class);
        ValidatingWebhookConfiguration vwc = one(objects, ValidatingWebhookConfiguration.class);
        Map<String, ConfigMap> configMaps = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));

        assertEquals("meshhook" + suffix, deploy.getMetadata().getName());
        assertEquals("meshhook" + suffix, service.getMetadata().getName());
        assertEquals("meshhook-sidecar-injector" + suffix, mwc.getMetadata().getName());
        assertEquals("meshhook-validator" + suffix, vwc.getMetadata().getName());

        // --- pods, selectors, ports, probes
        Map<String, String> podLabels = deploy.getSpec().getTemplate().getMetadata().getLabels();
        assertSubset(deploy.getSpec().getSelector().getMatchLabels(), podLabels, "Deployment selector");
        assertSubset(service.getSpec().getSelector(), podLabels, "Service selector");
        assertSubset(pdb.getSpec().getSelector().getMatchLabels(), podLabels, "PDB selector");
        assertSubset(deploy.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getLabelSelector()
                .getMatchLabels(), podLabels, "anti-affinity selector");
        assertEquals(revision, podLabels.get("istio.io/rev"));
        assertEquals("false", podLabels.get("sidecar.istio.io/inject"), "never inject the injector");
        assertTrue(deploy.getSpec().getReplicas() >= 2, "HA for fail-closed webhooks");
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());

        Container c = deploy.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Integer> ports = c.getPorts().stream().collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        Map<String, String> appPorts = applicationPorts();
        assertEquals(Integer.valueOf(appPorts.getOrDefault("https", "8443")), ports.get("https"));
        assertEquals(Integer.valueOf(appPorts.getOrDefault("management", "9000")), ports.get("http-mgmt"));
        assertEquals(1, service.getSpec().getPorts().size());
        assertEquals(443, service.getSpec().getPorts().get(0).getPort());
        assertEquals("https", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath());
        for (var probe : List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())) {
            assertEquals("http-mgmt", probe.getHttpGet().getPort().getStrVal(), "probes on the management port");
        }
        assertNotNull(c.getResources().getRequests().get("cpu"));
        assertNotNull(c.getResources().getRequests().get("memory"));
        assertNotNull(c.getResources().getLimits().get("memory"));
        assertTrue(deploy.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(deploy.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()
                > c.getLifecycle().getPreStop().getSleep().getSeconds() + 10, "grace period covers preStop and draining");

        Map<String, String> env = new HashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath());
        }
        assertEquals("fieldRef:metadata.namespace", env.get("POD_NAMESPACE"));
        assertEquals("fieldRef:metadata.name", env.get("POD_NAME"));
        assertEquals(revision, env.get("MESHHOOK_REVISION"));
        assertEquals(service.getMetadata().getName(), env.get("MESHHOOK_CLUSTER_CERTS_SERVICE"));
        assertEquals(mwc.getMetadata().getName(), env.get("MESHHOOK_CLUSTER_CERTS_MUTATING_WEBHOOK_CONFIGURATIONS"));
        assertEquals(vwc.getMetadata().getName(), env.get("MESHHOOK_CLUSTER_CERTS_VALIDATING_WEBHOOK_CONFIGURATIONS"));
        String tlsDir = env.get("MESHHOOK_TLS_DIR");
        var tlsMount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(tlsDir)).findFirst().orElseThrow();
        assertNotNull(deploy.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(tlsMount.getName())).findFirst().orElseThrow().getEmptyDir(),
                "TLS directory is writable (read-only root fs)");
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "JVM needs a writable /tmp");

        // --- ConfigMaps from templates/
        String injectorCm = "istio-sidecar-injector" + suffix;
        String meshCm = "istio" + suffix;
        assertEquals(Set.of(injectorCm, meshCm), configMaps.keySet());
        assertEquals(Files.readString(Path.of("templates/config")), configMaps.get(injectorCm).getData().get("config"));
        assertEquals(Files.readString(Path.of("templates/values")), configMaps.get(injectorCm).getData().get("values"));
        assertEquals(Files.readString(Path.of("templates/mesh")), configMaps.get(meshCm).getData().get("mesh"));

        // --- RBAC: least privilege, names agree with what the process uses
        assertEquals(sa.getMetadata().getName(), deploy.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertBinding(roleBinding.getRoleRef().getName(), roleBinding.getRoleRef().getKind(), roleBinding.getSubjects(), role, sa);
        assertBinding(clusterRoleBinding.getRoleRef().getName(), clusterRoleBinding.getRoleRef().getKind(),
                clusterRoleBinding.getSubjects(), clusterRole, sa);
        List<PolicyRule> allRules = new ArrayList<>(role.getRules());
        allRules.addAll(clusterRole.getRules());
        for (PolicyRule r : allRules) {
            for (Collection<String> field : List.of(r.getVerbs(), r.getResources(), r.getApiGroups())) {
                assertFalse(field.contains("*"), "no wildcard in " + r);
            }
            assertFalse(r.getVerbs().contains("delete"), "meshhook deletes nothing: " + r);
            if (r.getVerbs().contains("create")) {
                assertEquals(List.of("create"), r.getVerbs(), "create rules carry nothing else: " + r);
            }
        }
        assertEquals(Set.of(injectorCm, meshCm), names(role, "", "configmaps", "watch"));
        assertEquals(Set.of(env.get("MESHHOOK_CLUSTER_CERTS_SECRET")), names(role, "", "secrets", "update"));
        assertEquals(Set.of(env.get("MESHHOOK_CLUSTER_CERTS_LEASE")), names(role, "coordination.k8s.io", "leases", "update"));
        assertEquals(Set.of(mwc.getMetadata().getName()),
                names(clusterRole, "admissionregistration.k8s.io", "mutatingwebhookconfigurations", "patch"));
        assertEquals(Set.of(vwc.getMetadata().getName()),
                names(clusterRole, "admissionregistration.k8s.io", "validatingwebhookconfigurations", "patch"));
        for (PolicyRule r : clusterRole.getRules()) {
            if (r.getResources().contains("nodes") || r.getResources().contains("namespaces")) {
                assertEquals(List.of("list", "watch"), r.getVerbs(), "read-only informers: " + r);
            }
        }

        // --- webhooks
        Set<String> expectedMutating = suffix.isEmpty()
                ? Set.of("rev.namespace.sidecar-injector.istio.io", "rev.object.sidecar-injector.istio.io",
                        "namespace.sidecar-injector.istio.io", "object.sidecar-injector.istio.io")
                : Set.of("rev.namespace.sidecar-injector.istio.io", "rev.object.sidecar-injector.istio.io");
        assertEquals(expectedMutating, mwc.getWebhooks().stream().map(MutatingWebhook::getName).collect(Collectors.toSet()));
        assertEquals(revision, mwc.getMetadata().getLabels().get("istio.io/rev"));
        for (MutatingWebhook w : mwc.getWebhooks()) {
            assertClientConfig(w.getClientConfig(), service, "/inject", w.getName());
            assertEquals("None", w.getSideEffects());
            assertEquals("Fail", w.getFailurePolicy());
            assertEquals("Never", w.getReinvocationPolicy());
            assertTimeout(w.getTimeoutSeconds(), w.getName());
            assertEquals(List.of("v1"), w.getAdmissionReviewVersions());
            assertEquals(1, w.getRules().size());
            assertEquals(List.of("CREATE"), w.getRules().get(0).getOperations());
            assertEquals(List.of(""), w.getRules().get(0).getApiGroups());
            assertEquals(List.of("pods"), w.getRules().get(0).getResources());
            assertObjectOptOut(w);
            if (w.getName().startsWith("rev.")) {
                List<LabelSelectorRequirement> sel = w.getName().startsWith("rev.namespace.")
                        ? w.getNamespaceSelector().getMatchExpressions() : w.getObjectSelector().getMatchExpressions();
                assertTrue(sel.stream().anyMatch(e -> e.getKey().equals("istio.io/rev") && e.getOperator().equals("In")
                        && e.getValues().equals(List.of(revision))), w.getName() + " selects revision " + revision);
            }
            assertFalse(w.getClientConfig().getCaBundle() != null, "caBundle is patched at run time, not shipped");
        }
        Set<String> expectedValidating = suffix.isEmpty() ? Set.of("rev.validation.istio.io", "validation.istio.io")
                : Set.of("rev.validation.istio.io");
        assertEquals(expectedValidating, vwc.getWebhooks().stream().map(ValidatingWebhook::getName).collect(Collectors.toSet()));
        for (ValidatingWebhook w : vwc.getWebhooks()) {
            assertClientConfig(w.getClientConfig(), service, "/validate", w.getName());
            assertEquals("None", w.getSideEffects());
            assertNotNull(w.getFailurePolicy());
            assertTimeout(w.getTimeoutSeconds(), w.getName());
            assertEquals(List.of("v1"), w.getAdmissionReviewVersions());
            assertEquals(Set.of("security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io"),
                    Set.copyOf(w.getRules().get(0).getApiGroups()));
            assertEquals(List.of("CREATE", "UPDATE"), w.getRules().get(0).getOperations());
            assertEquals(List.of("*"), w.getRules().get(0).getResources());
            var rev = w.getObjectSelector().getMatchExpressions().get(0);
            assertEquals("istio.io/rev", rev.getKey());
            if (w.getName().startsWith("rev.")) {
                assertEquals(List.of(revision), rev.getValues());
            } else {
                assertEquals("DoesNotExist", rev.getOperator());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"k8s/base", "k8s/overlays/revision-canary"})
    void kubectlKustomizeRendersTheSame(String dir) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed: rendering checked with KustomizeLite only");
        Process p = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        Path tmp = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.write(tmp, out);
            assertEquals(byId(KustomizeLite.render(Path.of(dir))), byId(KustomizeLite.readDocuments(tmp)));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
        Map<String, JsonNode> m = new HashMap<>();
        for (ObjectNode d : docs) {
            m.put(d.path("kind").asText() + "/" + d.path("metadata").path("namespace").asText() + "/"
                    + d.path("metadata").path("name").asText(), d);
        }
        return m;
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** HTTPS and management port defaults from application.properties, when it declares them. */
    private static Map<String, String> applicationPorts() throws IOException {
        Path props = Path.of("src/main/resources/application.properties");
        Map<String, String> m = new HashMap<>();
        if (!Files.isRegularFile(props)) {
            return m;
        }
        String text = Files.readString(props);
        Matcher https = Pattern.compile("(?m)^%prod\\.quarkus\\.http\\.ssl-port=\\$\\{[^:}]+:(\\d+)}").matcher(text);
        if (https.find()) {
            m.put("https", https.group(1));
        }
        Matcher mgmt = Pattern.compile("(?m)^quarkus\\.management\\.port=\\$\\{[^:}]+:(\\d+)}").matcher(text);
        if (mgmt.find()) {
            m.put("management", mgmt.group(1));
        }
        return m;
    }

    private static HasMetadata typed(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        Class<? extends HasMetadata> type = TYPES.get(kind);
        if (type == null) {
            fail("unexpected kind " + kind + " (add it to the test with its checks)");
        }
        HasMetadata o;
        try {
            o = MAPPER.treeToValue(doc, type);
        } catch (IOException e) {
            throw new AssertionError(kind + " " + doc.path("metadata").path("name") + ": " + e.getMessage(), e);
        }
        assertEquals(HasMetadata.getApiVersion(type), o.getApiVersion(), kind + " apiVersion");
        List<String> unknown = new ArrayList<>();
        unknownFields(o, kind + "/" + o.getMetadata().getName(), unknown);
        assertEquals(List.of(), unknown, "fields the Kubernetes API does not know (typos are dropped silently by the server)");
        return o;
    }

    /** fabric8 keeps unknown fields in additionalProperties instead of failing: walk the object graph for them. */
    private static void unknownFields(Object o, String path, List<String> out) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object v = getter.invoke(o);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        out.add(path + ": " + extra.keySet());
                    }
                    continue;
                }
                unknownFields(v, path + "." + getter.getName().substring(3), out);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void assertSubset(Map<String, String> selector, Map<String, String> labels, String what) {
        assertFalse(selector == null || selector.isEmpty(), what + " is empty");
        selector.forEach((k, v) -> assertEquals(v, labels.get(k), what + " " + k));
    }

    private static void assertBinding(String roleName, String roleKind, List<Subject> subjects, HasMetadata role, ServiceAccount sa) {
        assertEquals(role.getKind(), roleKind);
        assertEquals(role.getMetadata().getName(), roleName);
        assertEquals(1, subjects.size());
        assertEquals("ServiceAccount", subjects.get(0).getKind());
        assertEquals(sa.getMetadata().getName(), subjects.get(0).getName());
        assertEquals(sa.getMetadata().getNamespace(), subjects.get(0).getNamespace());
    }

    private static Set<String> names(Object roleOrClusterRole, String group, String resource, String verb) {
        List<PolicyRule> rules = roleOrClusterRole instanceof Role r ? r.getRules() : ((ClusterRole) roleOrClusterRole).getRules();
        Set<String> names = new HashSet<>();
        for (PolicyRule r : rules) {
            if (r.getApiGroups().contains(group) && r.getResources().contains(resource) && r.getVerbs().contains(verb)) {
                assertFalse(r.getResourceNames() == null || r.getResourceNames().isEmpty(),
                        verb + " " + resource + " is limited by resourceNames");
                names.addAll(r.getResourceNames());
            }
        }
        return names;
    }

    private static void assertClientConfig(WebhookClientConfig cc, Service service, String path, String webhook) {
        assertEquals(service.getMetadata().getName(), cc.getService().getName(), webhook);
        assertEquals(service.getMetadata().getNamespace(), cc.getService().getNamespace(), webhook);
        assertEquals(path, cc.getService().getPath(), webhook);
        assertEquals(service.getSpec().getPorts().get(0).getPort(), cc.getService().getPort(), webhook);
    }

    private static void assertTimeout(Integer seconds, String webhook) {
        assertNotNull(seconds, webhook + ": explicit timeoutSeconds");
        assertTrue(seconds >= 1 && seconds <= 30, webhook + ": timeoutSeconds within 1..30");
    }

    private static void assertObjectOptOut(MutatingWebhook w) {
        assertTrue(w.getObjectSelector().getMatchExpressions().stream().anyMatch(e -> e.getKey().equals("sidecar.istio.io/inject")),
                w.getName() + " honours the sidecar.istio.io/inject pod label");
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "exactly one " + type.getSimpleName());
        return found.get(0);
    }
}
