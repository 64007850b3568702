package dev.meshhook.inject.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ContainerOverridesTest {

    static final String TEMPLATE = """
            spec:
              initContainers:
              - name: istio-init
                image: proxyv2
                args: [istio-iptables, -p, "15001", -u, "1337", -m, REDIRECT]
              containers:
              - name: istio-proxy
                image: proxyv2
                imagePullPolicy: IfNotPresent
                args: [proxy, sidecar]
                env: [{name: A, value: a}]
                securityContext: {runAsUser: 1337, runAsGroup: 1337}
            """;

    static ObjectNode run(String original, String template, String mode) throws Exception {
        JsonNode orig = StrategicMergeTest.yaml(original);
        JsonNode tmpl = StrategicMergeTest.yaml(template);
        ObjectNode templatePod = StrategicMerge.apply(StrategicMergeTest.yaml("{}"), tmpl);
        ObjectNode merged = StrategicMerge.apply(orig, tmpl);
        return ContainerOverrides.reapply(merged, orig, templatePod, mode);
    }

    @Test
    void userProxyFieldsWinAndAreRecorded() throws Exception {
        ObjectNode out = run("""
                spec:
                  containers:
                  - name: app
                  - name: istio-proxy
                    image: auto
                    imagePullPolicy: Always
                    args: [custom]
                    env: [{name: B, value: b}]
                """, TEMPLATE, "REDIRECT");
        JsonNode proxy = Pods.findSidecar(out);
        assertEquals("proxyv2", proxy.get("image").asText());
        assertEquals("Always", proxy.get("imagePullPolicy").asText());
        assertEquals("[\"custom\"]", proxy.get("args").toString());
        assertEquals("[{\"name\":\"A\",\"value\":\"a\"},{\"name\":\"B\",\"value\":\"b\"}]", proxy.get("env").toString());
        assertEquals("{\"containers\":[{\"name\":\"istio-proxy\",\"args\":[\"custom\"],\"env\":[{\"name\":\"B\",\"value\":\"b\"}],"
                + "\"resources\":{},\"imagePullPolicy\":\"Always\"}]}", Pods.annotation(out, Pods.OVERRIDES_ANNOTATION));
    }

    @Test
    void alreadyInjectedContainersAreNotReapplied() throws Exception {
        ObjectNode out = run("""
                metadata:
                  annotations: {sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'}
                spec:
                  containers: [{name: istio-proxy, image: old, args: [old]}]
                  initContainers: [{name: istio-init, args: [old]}]
                """, TEMPLATE, "REDIRECT");
        assertEquals("[\"proxy\",\"sidecar\"]", Pods.findSidecar(out).get("args").toString());
        assertNull(Pods.annotation(out, Pods.OVERRIDES_ANNOTATION));
    }

    @Test
    void proxyMovedToInitContainersIsReappliedFromContainers() throws Exception {
        ObjectNode out = run("""
                metadata:
                  annotations: {sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'}
                spec:
                  containers: [{name: app}, {name: istio-proxy, image: old, args: [old, --concurrency, "2"]}]
                """, """
                spec:
                  initContainers:
                  - {name: istio-proxy, image: new, restartPolicy: Always, args: [proxy]}
                """, "REDIRECT");
        JsonNode init = Pods.find(Pods.initContainers(out), "istio-proxy");
        assertEquals("old", init.get("image").asText());
        assertEquals("[\"old\",\"--concurrency\",\"2\"]", init.get("args").toString());
        assertEquals("Always", init.get("restartPolicy").asText());
        assertNull(Pods.annotation(out, Pods.OVERRIDES_ANNOTATION), "status present: nothing recorded");
    }

    @Test
    void existingOverridesAnnotationIsPreferred() throws Exception {
        ObjectNode out = run("""
                metadata:
                  annotations: {proxy.istio.io/overrides: '{"containers":[{"name":"istio-proxy","imagePullPolicy":"Never"}]}'}
                spec:
                  containers: [{name: istio-proxy, imagePullPolicy: Always}]
                """, TEMPLATE, "REDIRECT");
        assertEquals("Never", Pods.findSidecar(out).get("imagePullPolicy").asText());
    }

    @Test
    void badOverridesAnnotationFails() {
        PodMergeException e = assertThrows(PodMergeException.class, () -> run(
                "metadata: {annotations: {proxy.istio.io/overrides: '{bad'}}\nspec: {containers: [{name: a}]}",
                TEMPLATE, "REDIRECT"));
        assertEquals("invalid character 'b' looking for beginning of object key string", e.getMessage());
    }

    @Test
    void userRunAsUserRewritesIptablesUid() throws Exception {
        ObjectNode out = run("""
                spec:
                  containers: [{name: istio-proxy, image: auto, securityContext: {runAsUser: 1234, runAsGroup: 1234}}]
                """, TEMPLATE, "REDIRECT");
        assertEquals("[\"istio-iptables\",\"-p\",\"15001\",\"-u\",\"1234\",\"-m\",\"REDIRECT\"]",
                Pods.find(Pods.initContainers(out), "istio-init").get("args").toString());
        assertEquals(1234, Pods.findSidecar(out).at("/securityContext/runAsUser").asInt());
    }

    @Test
    void tproxyKeepsProxyAsRoot() throws Exception {
        ObjectNode out = run("""
                spec:
                  containers: [{name: istio-proxy, image: auto, securityContext: {runAsUser: 1234}}]
                """, TEMPLATE, "TPROXY");
        assertEquals(0, Pods.findSidecar(out).at("/securityContext/runAsUser").asInt());
        assertEquals("1234", Pods.find(Pods.initContainers(out), "istio-init").get("args").get(4).asText());
    }

    @Test
    void validationContainerTakesUserIds() throws Exception {
        ObjectNode out = run("""
                spec:
                  containers: [{name: istio-proxy, image: auto, securityContext: {runAsUser: 1234, runAsGroup: 5678}}]
                """, """
                spec:
                  initContainers: [{name: istio-validation, args: [istio-iptables, -u, "1337"], securityContext: {runAsUser: 1337}}]
                  containers: [{name: istio-proxy, image: proxyv2}]
                """, "REDIRECT");
        JsonNode v = Pods.find(Pods.initContainers(out), "istio-validation");
        assertEquals("{\"runAsUser\":1234,\"runAsGroup\":5678}", v.get("securityContext").toString());
        assertEquals("1234", v.get("args").get(2).asText());
    }
}
