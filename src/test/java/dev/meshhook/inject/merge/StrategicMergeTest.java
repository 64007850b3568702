package dev.meshhook.inject.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class StrategicMergeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    static JsonNode yaml(String s) {
        try {
            return YAML.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode merge(String pod, String overlay) throws PodMergeException {
        return StrategicMerge.apply(yaml(pod), yaml(overlay));
    }

    static String names(JsonNode list) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : list) {
            sb.append(sb.length() == 0 ? "" : ",").append(n.has("name") ? n.get("name").asText() : n.asText());
        }
        return sb.toString();
    }

    @Test
    void newTemplateItemsComeBeforeUntouchedOriginalItems() throws Exception {
        ObjectNode out = merge("""
                spec:
                  containers: [{name: hello, image: h}]
                  volumes: [{name: certs, emptyDir: {}}]
                  imagePullSecrets: [{name: fooSecret}]
                """, """
                spec:
                  containers: [{name: istio-proxy, image: p}]
                  volumes: [{name: istio-envoy, emptyDir: {medium: Memory}}, {name: istio-data, emptyDir: {}}]
                  imagePullSecrets: [{name: barSecret}]
                """);
        assertEquals("istio-proxy,hello", names(out.at("/spec/containers")));
        assertEquals("istio-envoy,istio-data,certs", names(out.at("/spec/volumes")));
        assertEquals("barSecret,fooSecret", names(out.at("/spec/imagePullSecrets")));
    }

    @Test
    void sharedItemsKeepTargetOrderAndMerge() throws Exception {
        ObjectNode out = merge("""
                spec:
                  containers:
                  - name: istio-proxy
                    env: [{name: JWT_POLICY, value: x}, {name: A, value: a}, {name: OLD, value: o}]
                    args: [old]
                """, """
                spec:
                  containers:
                  - name: istio-proxy
                    env: [{name: B, value: b}, {name: A, value: a2}, {name: OLD, value: y}]
                    args: [new]
                """);
        JsonNode env = out.at("/spec/containers/0/env");
        // JWT_POLICY (target only) precedes A (shared, later in the target); B is new and comes first
        assertEquals("B,JWT_POLICY,A,OLD", names(env));
        assertEquals("y", env.get(3).get("value").asText());
        assertEquals("[\"new\"]", out.at("/spec/containers/0/args").toString());
    }

    @Test
    void goRoundTripShapesTheResult() throws Exception {
        ObjectNode out = merge("""
                metadata: {name: p}
                spec: {containers: [{name: a}]}
                """, """
                spec:
                  containers:
                  - name: istio-proxy
                    unknownField: 1
                    Image: img
                    resources: {limits: {cpu: 2000m, memory: 1024Mi}, requests: {cpu: 100m}}
                    readinessProbe: {httpGet: {port: 15021, path: /healthz/ready}, initialDelaySeconds: 0}
                  volumes: [{name: workload-socket, emptyDir: null}]
                """);
        assertEquals("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"volumes\":[{\"name\":\"workload-socket\"}],"
                + "\"containers\":[{\"name\":\"istio-proxy\",\"image\":\"img\",\"resources\":{\"limits\":{\"cpu\":\"2\","
                + "\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"100m\"}},\"readinessProbe\":{\"httpGet\":{\"path\":"
                + "\"/healthz/ready\",\"port\":15021}}},{\"name\":\"a\",\"resources\":{}}]},\"status\":{}}",
                GoJson.write(out));
    }

    @Test
    void patchReplaceDirectiveOnLabels() throws Exception {
        ObjectNode out = merge("metadata: {labels: {a: '1', b: '2'}}", "metadata: {labels: {$patch: replace, c: '3'}}");
        assertEquals("{\"c\":\"3\"}", out.at("/metadata/labels").toString());
    }

    @Test
    void nullDeletesKey() throws Exception {
        ObjectNode out = merge("metadata: {annotations: {a: '1', b: '2'}}", "metadata: {annotations: {a: null}}");
        assertEquals("{\"b\":\"2\"}", out.at("/metadata/annotations").toString());
    }

    @Test
    void missingMergeKeyFails() {
        PodMergeException e = assertThrows(PodMergeException.class,
                () -> merge("spec: {containers: [{name: a}]}", "spec: {containers: [{image: x}]}"));
        assertEquals("strategic merge: map: map[image:x] does not contain declared merge key: name", e.getMessage());
    }

    @Test
    void portsCollapseByContainerPort() throws Exception {
        ObjectNode out = merge("""
                spec: {containers: [{name: a, ports: [{containerPort: 53, protocol: UDP}]}]}
                """, """
                spec: {containers: [{name: a, ports: [{containerPort: 53, protocol: TCP, name: dns}]}]}
                """);
        assertEquals("[{\"name\":\"dns\",\"containerPort\":53,\"protocol\":\"TCP\"}]",
                out.at("/spec/containers/0/ports").toString());
    }

    @Test
    void typeErrorIsReportedLikeGo() {
        PodMergeException e = assertThrows(PodMergeException.class,
                () -> merge("spec: {containers: [{name: a}]}", "spec: {containers: [{name: a, ports: [{containerPort: x}]}]}"));
        assertEquals("unmarshal patched pod: json: cannot unmarshal string into Go struct field "
                + "ContainerPort.spec.containers.ports.containerPort of type int32", e.getMessage());
    }
}
