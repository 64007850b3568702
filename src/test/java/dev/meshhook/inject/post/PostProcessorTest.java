package dev.meshhook.inject.post;

import static dev.meshhook.inject.post.PipelineSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.Pods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

class PostProcessorTest {

    static final PostProcessContext CTX = PostProcessContext.defaults();

    static ObjectNode post(String pod, PostProcessContext ctx) throws PostProcessException {
        return PostProcessor.apply(yaml(pod), yaml("spec: {}"), ctx);
    }

    static String env(JsonNode pod, String name) {
        ObjectNode proxy = Pods.findSidecar(pod);
        for (JsonNode e : proxy.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    static String envNames(JsonNode pod) {
        StringBuilder sb = new StringBuilder();
        Pods.findSidecar(pod).path("env").forEach(e -> sb.append(sb.length() == 0 ? "" : ",")
                .append(e.path("name").asText()));
        return sb.toString();
    }

    @Test
    void clusterEnvMovesToTheEndSorted() throws Exception {
        ObjectNode out = post("""
                spec:
                  containers:
                  - name: istio-proxy
                    env: [{name: ISTIO_META_NETWORK, value: old}, {name: A, value: a}, {name: ISTIO_META_CLUSTER_ID, value: x}]
                """, CTX.withProxyEnvs(Map.of("ISTIO_META_NETWORK", "n1", "ISTIO_META_CLUSTER_ID", "c1", "FOO", "bar")));
        assertEquals("A,FOO,ISTIO_META_CLUSTER_ID,ISTIO_META_NETWORK", envNames(out));
        assertEquals("n1", env(out, "ISTIO_META_NETWORK"));
        assertEquals("n1", out.at("/metadata/labels/topology.istio.io~1network").asText());
    }

    @Test
    void prometheusAnnotationsMoveIntoTheProxyEnv() throws Exception {
        ObjectNode out = post("""
                metadata:
                  annotations: {prometheus.io/scrape: "true", prometheus-io/port: "9080", prometheus.io.path: /m}
                spec:
                  containers: [{name: app}, {name: istio-proxy}]
                """, CTX);
        assertEquals("{\"scrape\":\"true\",\"path\":\"/m\",\"port\":\"9080\"}", env(out, "ISTIO_PROMETHEUS_ANNOTATIONS"));
        assertEquals("{\"prometheus.io/path\":\"/stats/prometheus\",\"prometheus.io/port\":\"15020\","
                + "\"prometheus.io/scrape\":\"true\",\"sidecar.istio.io/status\":\"{\\\"initContainers\\\":null,"
                + "\\\"containers\\\":null,\\\"volumes\\\":null,\\\"imagePullSecrets\\\":null,\\\"revision\\\":\\\"default\\\"}\"}",
                out.at("/metadata/annotations").toString());
    }

    @Test
    void prometheusWithoutProxyStillRewritesAnnotations() throws Exception {
        ObjectNode out = post("spec: {containers: [{name: app}]}", CTX);
        assertEquals("15020", out.at("/metadata/annotations/prometheus.io~1port").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "prometheus.io/scrape: 'false'",
        "prometheus.istio.io/merge-metrics: 'false'",
        "prometheus.io/port: '15020'",
    })
    void prometheusMergeSkipped(String annotation) throws Exception {
        ObjectNode out = post("metadata: {annotations: {" + annotation + "}}\nspec: {containers: [{name: istio-proxy}]}",
                CTX);
        assertNull(env(out, "ISTIO_PROMETHEUS_ANNOTATIONS"));
    }

    @Test
    void meshCanDisablePrometheusMerge() throws Exception {
        ObjectNode out = PostProcessor.apply(yaml("spec: {containers: [{name: app}]}"), yaml("{}"),
                new PostProcessContext(Map.of(), 15020, false, false, "", Map.of(), false));
        assertNull(Pods.annotation(out, "prometheus.io/port"));
    }

    @Test
    void scrapeTargets() throws Exception {
        ObjectNode out = post("""
                metadata: {annotations: {prometheus.istio.io/scrape-targets: " 9090:/a, ,9091: "}}
                spec: {containers: [{name: istio-proxy}]}
                """, CTX);
        assertEquals("{\"scrape\":\"\",\"path\":\"/a\",\"port\":\"9090\",\"targets\":[{\"port\":\"9090\",\"path\":\"/a\"},"
                + "{\"port\":\"9091\",\"path\":\"/metrics\"}]}", env(out, "ISTIO_PROMETHEUS_ANNOTATIONS"));
        assertNull(Pods.annotation(out, "prometheus.istio.io/scrape-targets"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "prometheus.io/port: abc|invalid prometheus scrape configuration: invalid port \"abc\"",
        "prometheus.io/port: '15090'|invalid prometheus scrape configuration: port 15090 is reserved for Istio (Envoy Prometheus (already merged)) and cannot be scraped",
        "prometheus.istio.io/scrape-targets: '70000:/x'|invalid prometheus scrape targets: invalid target port \"70000\"",
        "prometheus.istio.io/scrape-targets: '8080:/x,15021'|invalid prometheus scrape targets: target port 15021 is reserved for Istio (Envoy health) and cannot be scraped",
    })
    void prometheusErrors(String annotation, String message) {
        PostProcessException e = assertThrows(PostProcessException.class,
                () -> post("metadata: {annotations: {" + annotation + "}}\nspec: {containers: [{name: a}]}", CTX));
        assertEquals(message, e.getMessage());
    }

    @Test
    void agentPortConflict() {
        PostProcessException e = assertThrows(PostProcessException.class, () -> PostProcessor.apply(
                yaml("metadata: {annotations: {prometheus.io/port: '15020'}}\nspec: {containers: [{name: a}]}"),
                yaml("{}"), new PostProcessContext(Map.of(), 15999, null, false, "", Map.of(), false)));
        assertEquals("invalid prometheus scrape configuration: port 15020 is reserved for Istio "
                + "(pilot-agent status / merged Prometheus) and cannot be scraped", e.getMessage());
        PostProcessException conflict = assertThrows(PostProcessException.class, () -> PostProcessor.apply(
                yaml("metadata: {annotations: {prometheus.istio.io/scrape-targets: '15999'}}\nspec: {containers: [{name: a}]}"),
                yaml("{}"), new PostProcessContext(Map.of(), 15999, null, false, "", Map.of(), false)));
        assertEquals("invalid prometheus scrape targets: target port 15999 conflicts with agent port", conflict.getMessage());
    }

    @Test
    void securePortAnnotation() throws Exception {
        ObjectNode out = post("spec: {containers: [{name: istio-proxy, env: [{name: ENVOY_SECURE_MERGED_METRICS_PORT, value: '15091'}]}]}",
                CTX);
        assertEquals("15091", Pods.annotation(out, "prometheus.istio.io/secure-port"));
        ObjectNode zero = post("spec: {containers: [{name: istio-proxy, env: [{name: ENVOY_SECURE_MERGED_METRICS_PORT, value: '0'}]}]}",
                CTX);
        assertNull(Pods.annotation(zero, "prometheus.istio.io/secure-port"));
        ObjectNode user = post("""
                metadata: {annotations: {prometheus.istio.io.secure-port: '1'}}
                spec: {containers: [{name: istio-proxy, env: [{name: ENVOY_SECURE_MERGED_METRICS_PORT, value: '15091'}]}]}
                """, CTX);
        assertNull(Pods.annotation(user, "prometheus.istio.io/secure-port"));
    }

    @Test
    void appProbesAreDumpedAndRewritten() throws Exception {
        ObjectNode out = post("""
                metadata: {annotations: {status.sidecar.istio.io/port: '15999'}}
                spec:
                  initContainers: [{name: i, readinessProbe: {tcpSocket: {port: 5}}}]
                  containers:
                  - name: app
                    ports: [{name: http, containerPort: 8080}]
                    readinessProbe: {httpGet: {port: http, path: /r, scheme: HTTPS, httpHeaders: [{name: h, value: v}]}, timeoutSeconds: 3}
                    livenessProbe: {grpc: {port: 7, service: s}, periodSeconds: 9}
                    startupProbe: {httpGet: {port: 15020}}
                    lifecycle: {postStart: {tcpSocket: {port: 93}}, preStop: {exec: {command: [x]}}}
                  - name: istio-proxy
                    readinessProbe: {httpGet: {port: 15021}}
                """, CTX.withRewriteAppHTTPProbe(true));
        assertEquals("{\"/app-health/app/livez\":{\"grpc\":{\"port\":7,\"service\":\"s\"}},"
                + "\"/app-health/app/readyz\":{\"httpGet\":{\"path\":\"/r\",\"port\":8080,\"scheme\":\"HTTPS\","
                + "\"httpHeaders\":[{\"name\":\"h\",\"value\":\"v\"}]},\"timeoutSeconds\":3},"
                + "\"/app-health/i/readyz\":{\"tcpSocket\":{\"port\":5}},"
                + "\"/app-lifecycle/app/poststartz\":{\"tcpSocket\":{\"port\":93}}}", env(out, AppProbes.ENV));
        JsonNode app = Pods.containers(out).get(0);
        assertEquals("{\"httpGet\":{\"path\":\"/app-health/app/readyz\",\"port\":15999,\"scheme\":\"HTTP\","
                + "\"httpHeaders\":[{\"name\":\"h\",\"value\":\"v\"}]},\"timeoutSeconds\":3}", app.get("readinessProbe").toString());
        assertEquals("{\"httpGet\":{\"path\":\"/app-health/app/livez\",\"port\":15999},\"periodSeconds\":9}",
                app.get("livenessProbe").toString());
        assertEquals("{\"postStart\":{\"httpGet\":{\"path\":\"/app-lifecycle/app/poststartz\",\"port\":15999}},"
                + "\"preStop\":{\"exec\":{\"command\":[\"x\"]}}}", app.get("lifecycle").toString());
        assertEquals("{\"httpGet\":{\"path\":\"/app-health/i/readyz\",\"port\":15999}}",
                Pods.initContainers(out).get(0).get("readinessProbe").toString());
        assertEquals("{\"httpGet\":{\"port\":15021}}", Pods.findSidecar(out).get("readinessProbe").toString());
    }

    @Test
    void probeRewriteNeedsTheValuesFlagOrAnnotation() throws Exception {
        String pod = "spec: {containers: [{name: app, readinessProbe: {httpGet: {port: 80}}}, {name: istio-proxy}]}";
        assertNull(env(post(pod, CTX), AppProbes.ENV));
        ObjectNode annotated = post("metadata: {annotations: {sidecar.istio.io/rewriteAppHTTPProbers: 'true'}}\n" + pod, CTX);
        assertEquals("{\"/app-health/app/readyz\":{\"httpGet\":{\"port\":80}}}", env(annotated, AppProbes.ENV));
        ObjectNode off = post("metadata: {annotations: {sidecar.istio.io/rewriteAppHTTPProbers: 'f'}}\n" + pod,
                CTX.withRewriteAppHTTPProbe(true));
        assertNull(env(off, AppProbes.ENV));
    }

    @Test
    void reinjectionKeepsOldProberEntries() throws Exception {
        ObjectNode out = post("""
                metadata: {annotations: {sidecar.istio.io/status: '{}'}}
                spec:
                  containers:
                  - name: app
                    readinessProbe: {httpGet: {port: 81}}
                    livenessProbe: {httpGet: {port: 82}}
                  - name: istio-proxy
                    env:
                    - name: ISTIO_KUBE_APP_PROBERS
                      value: '{"/app-health/app/readyz":{"httpGet":{"port":3333}},"/app-health/old/livez":{"httpGet":{"port":90}}}'
                    - {name: Z, value: z}
                """, CTX.withRewriteAppHTTPProbe(true));
        assertEquals("{\"/app-health/app/livez\":{\"httpGet\":{\"port\":82}},\"/app-health/app/readyz\":{\"httpGet\":"
                + "{\"port\":3333}},\"/app-health/old/livez\":{\"httpGet\":{\"port\":90}}}", env(out, AppProbes.ENV));
        assertEquals("ISTIO_KUBE_APP_PROBERS,Z", envNames(out));
    }

    @Test
    void statusAndInjectedAnnotations() throws Exception {
        ObjectNode out = PostProcessor.apply(yaml("spec: {containers: [{name: app}]}"), yaml("""
                spec:
                  initContainers: [{name: istio-init}, {name: istio-proxy}]
                  volumes: [{name: "a<b"}]
                """), new PostProcessContext(Map.of(), 15020, null, false, "canary",
                Map.of("sidecar.istio.io/status", "custom", "x", "y"), false));
        assertEquals("custom", Pods.annotation(out, Pods.STATUS_ANNOTATION));
        assertEquals("y", Pods.annotation(out, "x"));
        assertEquals("{\"initContainers\":[\"istio-init\",\"istio-proxy\"],\"containers\":null,\"volumes\":[\"a\\u003cb\"],"
                + "\"imagePullSecrets\":null,\"revision\":\"canary\"}",
                InjectionStatus.of(yaml("spec: {initContainers: [{name: istio-init}, {name: istio-proxy}], volumes: [{name: a<b}]}"),
                        "canary"));
    }

    static String order(JsonNode list) {
        StringBuilder sb = new StringBuilder();
        list.forEach(c -> sb.append(sb.length() == 0 ? "" : ",").append(c.path("name").asText()));
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} hold={2}")
    @CsvSource(delimiter = '|', value = {
        // containers, init containers, hold -> containers, init containers
        "istio-proxy,a,b|x,istio-init,y,istio-validation,enable-core-dump|false|a,b,istio-proxy|istio-validation,x,y,istio-init,enable-core-dump",
        "a,istio-proxy,b|x|true|istio-proxy,a,b|x",
        "a|x,enable-core-dump,istio-proxy,istio-validation,y|false|a|istio-validation,istio-proxy,enable-core-dump,x,y",
        "a|x,istio-proxy,istio-init|true|a|istio-init,istio-proxy,x",
        "istio-proxy,a,istio-proxy|-|false|a,istio-proxy|-",
    })
    void reorder(String containers, String inits, boolean hold, String wantContainers, String wantInits) {
        ObjectNode pod = yaml("spec: {}");
        ObjectNode spec = (ObjectNode) pod.get("spec");
        var c = spec.putArray("containers");
        for (String n : containers.split(",")) {
            c.addObject().put("name", n).put("image", n + c.size());
        }
        if (!inits.equals("-")) {
            var i = spec.putArray("initContainers");
            for (String n : inits.split(",")) {
                i.addObject().put("name", n);
            }
        }
        ContainerOrder.apply(pod, hold);
        assertEquals(wantContainers, order(spec.get("containers")));
        assertEquals(wantInits.equals("-") ? "" : wantInits, order(spec.path("initContainers")));
        if (containers.equals("istio-proxy,a,istio-proxy")) {
            assertEquals("istio-proxy3", spec.get("containers").get(1).get("image").asText(), "last duplicate survives");
        }
    }

    @Test
    void nilContainersBecomeEmptyList() throws Exception {
        ObjectNode out = PostProcessor.apply(yaml("spec: {initContainers: [{name: istio-proxy}]}"), yaml("{}"), CTX);
        assertEquals("[]", out.at("/spec/containers").toString());
    }
}
