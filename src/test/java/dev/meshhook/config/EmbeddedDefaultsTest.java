package dev.meshhook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshhook.gotemplate.FuncMaps;
import dev.meshhook.gotemplate.TemplateException;
import dev.meshhook.gotemplate.TemplateSet;
import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.KubeInject;
import dev.meshhook.inject.MeshConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void configParsesWithIstioFieldsAndAllTemplates() throws Exception {
        JsonNode config = YAML.readTree(EmbeddedDefaults.config());
        assertEquals("enabled", config.path("policy").asText());
        assertEquals(List.of("sidecar"), texts(config.path("defaultTemplates")));
        assertTrue(config.path("alwaysInjectSelector").isArray());
        assertTrue(config.path("neverInjectSelector").isArray());
        assertTrue(config.path("injectedAnnotations").isObject());
        assertTrue(config.path("aliases").isObject());
        List<String> names = new ArrayList<>();
        config.path("templates").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("sidecar", "gateway", "grpc-simple", "grpc-agent", "waypoint", "kube-gateway",
                "agentgateway", "agentgateway-waypoint"), names);
        config.path("templates").forEach(t -> {
            assertTrue(t.isTextual());
            assertFalse(t.asText().isBlank());
        });
    }

    @Test
    void everyTemplateParsesWithTheInjectionFunctions() throws Exception {
        JsonNode templates = YAML.readTree(EmbeddedDefaults.config()).path("templates");
        List<String> parsed = new ArrayList<>();
        for (var it = templates.fields(); it.hasNext(); ) {
            var t = it.next();
            try {
                TemplateSet.parse("inject", t.getValue().asText(), FuncMaps.istio());
            } catch (TemplateException e) {
                throw new AssertionError("template " + t.getKey() + " does not parse: " + e.getMessage(), e);
            }
            parsed.add(t.getKey());
        }
        assertEquals(8, parsed.size());
    }

    @Test
    void defaultsInjectAPodWithTheReleaseImages() throws Exception {
        Injector injector = Injector.create(InjectorConfig.parse(EmbeddedDefaults.config()),
                InjectorValues.parse(EmbeddedDefaults.values()), MeshConfig.parse(EmbeddedDefaults.mesh()), "default",
                InjectorEnv.defaults(), ClusterFacts.NONE);
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports: [{containerPort: 80}]
                """);
        JsonNode pod = new KubeInject(injector).injectObject(deployment).object().at("/spec/template");
        JsonNode init = pod.at("/spec/initContainers/0");
        JsonNode proxy = pod.at("/spec/containers/1");
        assertEquals("istio-init", init.path("name").asText());
        assertEquals("docker.io/istio/proxyv2:1.31.0", init.path("image").asText());
        assertEquals("istio-proxy", proxy.path("name").asText(), "no cluster: native sidecars are not detected");
        assertEquals("docker.io/istio/proxyv2:1.31.0", proxy.path("image").asText());
        assertEquals("web", pod.at("/metadata/labels/service.istio.io~1canonical-name").asText());
        assertEquals("web", pod.at("/metadata/annotations/kubectl.kubernetes.io~1default-container").asText());
        assertTrue(pod.at("/metadata/annotations/sidecar.istio.io~1status").asText().contains("\"istio-proxy\""));
    }

    @Test
    void valuesNameARealReleaseImage() throws Exception {
        JsonNode values = JSON.readTree(EmbeddedDefaults.values());
        assertEquals("docker.io/istio", values.at("/global/hub").asText());
        assertTrue(values.at("/global/tag").asText().matches("\\d+\\.\\d+\\.\\d+"), "release tag");
        assertEquals("proxyv2", values.at("/global/proxy/image").asText());
        assertEquals(15020, values.at("/global/proxy/statusPort").asInt());
        assertFalse(values.at("/pilot/cni/enabled").asBoolean());
        assertEquals("istio-system", values.at("/global/istioNamespace").asText());
    }

    @Test
    void meshHoldsTheEffectiveDefaults() throws Exception {
        JsonNode mesh = YAML.readTree(EmbeddedDefaults.mesh());
        assertEquals(15001, mesh.path("proxyListenPort").asInt());
        assertEquals(15006, mesh.path("proxyInboundListenPort").asInt());
        assertEquals("cluster.local", mesh.path("trustDomain").asText());
        assertEquals(15020, mesh.at("/defaultConfig/statusPort").asInt());
        assertEquals("istiod.istio-system.svc:15012", mesh.at("/defaultConfig/discoveryAddress").asText());
        assertFalse(mesh.path("defaultConfig").has("proxyMetadata"), "proxyMetadata is unset by default");
    }

    @Test
    void unknownNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedDefaults.read("../pom.xml"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
