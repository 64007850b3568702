package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kube-inject per object (inject-spec h.2) over the small template of the "minimal" golden fixture. */
class KubeInjectTest {
    private static Injector injector;

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = Path.of("src/test/resources/inject-golden/minimal");
        String config = Files.readString(dir.resolve("config.yaml")).replace("defaultTemplates: [mini]", "defaultTemplates: [mini]")
                .replace("  mini: |", "  sidecar: |");
        injector = Injector.create(InjectorConfig.parse(config), InjectorValues.parse(Files.readString(dir.resolve("values.json"))),
                MeshConfig.parse(Files.readString(dir.resolve("mesh.yaml"))), "default",
                InjectorEnv.fromVariables(Map.of("ENABLE_NATIVE_SIDECARS", "false")), ClusterFacts.NONE);
    }

    private static JsonNode yaml(String s) throws Exception {
        return Json.readYaml(s);
    }

    @Test
    void deploymentTemplateIsInjectedWithWorkloadIdentity() throws Exception {
        KubeInject.Result r = new KubeInject(injector).injectObject(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cart, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: cart}}
                    spec:
                      containers: [{name: cart, image: cart:1}]
                """));
        assertTrue(r.known());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        JsonNode pod = r.object().path("spec").path("template");
        assertEquals(List.of("cart", "istio-proxy"), names(pod.path("spec").path("containers")));
        assertEquals("default", pod.path("metadata").path("annotations").path("istio.io/rev").asText());
        JsonNode env = pod.path("spec").path("containers").get(1).path("env");
        assertEquals("kubernetes://apis/apps/v1/namespaces/shop/Deployments/cart", envValue(env, "ISTIO_META_OWNER"));
        assertTrue(pod.path("metadata").path("annotations").path("sidecar.istio.io/status").asText().contains("\"revision\":\"default\""));
        assertFalse(pod.path("metadata").path("annotations").has("example.com/injected-by"), "kube-inject ignores injectedAnnotations");
        assertTrue(r.object().path("spec").has("strategy"), "Go-JSON shape of the Deployment");
    }

    @Test
    void skipsWithIstioWarnings() throws Exception {
        KubeInject.Result host = new KubeInject(injector).injectObject(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: h, namespace: sample}
                spec: {template: {spec: {hostNetwork: true, containers: [{name: a}]}}}
                """));
        assertEquals(List.of("===> Skipping injection because Deployment \"sample/h\" has host networking enabled\n"), host.warnings());
        KubeInject.Result off = new KubeInject(injector).injectObject(yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, annotations: {sidecar.istio.io/inject: "false"}}
                spec: {containers: [{name: a}]}
                """));
        assertEquals(List.of("===> Skipping injection because Pod \"p\" has sidecar injection disabled\n"), off.warnings());
        assertEquals(1, off.object().path("spec").path("containers").size());
    }

    @Test
    void cronJobEditsJobTemplateMetadataAndListsRecurse() throws Exception {
        KubeInject.Result r = new KubeInject(injector).injectObject(yaml("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: nightly}
                  spec:
                    schedule: "@daily"
                    jobTemplate:
                      spec:
                        template:
                          metadata: {labels: {app: n}}
                          spec: {containers: [{name: job}]}
                - apiVersion: v1
                  kind: Service
                  metadata: {name: s}
                """));
        JsonNode cron = r.object().path("items").get(0);
        assertTrue(cron.path("spec").path("jobTemplate").path("metadata").path("annotations").has("sidecar.istio.io/status"));
        assertFalse(cron.path("spec").path("jobTemplate").path("spec").path("template").path("metadata").path("annotations").has("sidecar.istio.io/status"));
        assertEquals(2, cron.path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers").size());
        assertEquals("Service", r.object().path("items").get(1).path("kind").asText());
        assertFalse(new KubeInject(injector).injectObject(yaml("kind: Service\nmetadata: {name: x}")).known());
    }

    @Test
    void errorsAbort() throws Exception {
        InjectionException e = assertThrows(InjectionException.class, () -> new KubeInject(injector).injectObject(yaml(
                "kind: ReplicationController\nmetadata: {name: rc}\nspec: {}")));
        assertEquals("spec.template is required value", e.getMessage());
        InjectionException bad = assertThrows(InjectionException.class, () -> new KubeInject(injector).injectObject(yaml("""
                kind: Pod
                metadata: {name: p, annotations: {traffic.sidecar.istio.io/includeInboundPorts: "a,b"}}
                spec: {containers: [{name: a}]}
                """)));
        assertTrue(bad.getMessage().startsWith("failed to run injection template: 1 error occurred:"), bad.getMessage());
    }

    @Test
    void explainReportsDecisionAndTemplates() throws Exception {
        var pod = (com.fasterxml.jackson.databind.node.ObjectNode) yaml("""
                metadata: {name: p, annotations: {inject.istio.io/templates: "sidecar,nope"}}
                spec: {containers: [{name: a}]}
                """);
        Injector.Explanation x = injector.explain(pod, "kube-system");
        assertFalse(x.inject());
        assertTrue(x.reason().contains("kube-system"));
        assertEquals(List.of("sidecar", "nope"), x.templates());
        assertEquals(List.of("nope"), x.missingTemplates());
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    private static String envValue(JsonNode env, String name) {
        for (JsonNode e : env) if (e.path("name").asText().equals(name)) return e.path("value").asText();
        return null;
    }
}
