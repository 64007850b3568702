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

    @Test
    void listDeleteAndReplaceDirectives() throws Exception {
        ObjectNode del = merge("spec: {volumes: [{name: a}, {name: b}, {name: c}]}",
                "spec: {volumes: [{name: b, $patch: delete}, {name: d}]}");
        assertEquals("d,a,c", names(del.at("/spec/volumes")));
        ObjectNode rep = merge("spec: {volumes: [{name: a}, {name: b}]}",
                "spec: {volumes: [{name: c}, {$patch: replace}, {name: b}]}");
        assertEquals("c,b", names(rep.at("/spec/volumes")));
        PodMergeException e = assertThrows(PodMergeException.class,
                () -> merge("spec: {volumes: [{name: a}]}", "spec: {volumes: [{name: a, $patch: merge}]}"));
        assertEquals("strategic merge: merging lists cannot yet be specified in the patch", e.getMessage());
    }

    @Test
    void mapDeleteDirectiveAndBadDirective() throws Exception {
        ObjectNode out = merge("metadata: {labels: {a: '1'}, annotations: {b: '2'}}", "metadata: {labels: {$patch: delete}}");
        assertEquals("{\"annotations\":{\"b\":\"2\"}}", out.get("metadata").toString());
        PodMergeException e = assertThrows(PodMergeException.class,
                () -> merge("metadata: {labels: {a: '1'}}", "metadata: {labels: {$patch: foo}}"));
        assertEquals("strategic merge: unknown patch type: foo in map: map[$patch:foo]", e.getMessage());
    }

    @Test
    void primitiveMergeListDeduplicatesAndDeletes() throws Exception {
        ObjectNode out = merge("metadata: {finalizers: [a, b]}", "metadata: {finalizers: [c, a]}");
        assertEquals("[\"c\",\"a\",\"b\"]", out.at("/metadata/finalizers").toString());
        ObjectNode del = merge("metadata: {finalizers: [a, b, c]}", "metadata: {$deleteFromPrimitiveList/finalizers: [b]}");
        assertEquals("[\"a\",\"c\"]", del.at("/metadata/finalizers").toString());
    }

    @Test
    void setElementOrderDirective() throws Exception {
        ObjectNode out = merge("spec: {containers: [{name: a}, {name: b}, {name: c}]}",
                "spec: {$setElementOrder/containers: [{name: c}, {name: a}, {name: b}], containers: [{name: a, image: x}]}");
        assertEquals("c,a,b", names(out.at("/spec/containers")));
        assertEquals("x", out.at("/spec/containers/1/image").asText());
    }

    @Test
    void retainKeysDirective() throws Exception {
        ObjectNode out = merge("spec: {volumes: [{name: v, emptyDir: {}}]}",
                "spec: {volumes: [{name: v, $retainKeys: [name, configMap], configMap: {name: cm}}]}");
        assertEquals("[{\"name\":\"v\",\"configMap\":{\"name\":\"cm\"}}]", out.at("/spec/volumes").toString());
        ObjectNode combined = merge("spec: {volumes: [{name: v, emptyDir: {}}]}",
                "spec: {volumes: [{name: v, configMap: {name: cm}}]}");
        assertEquals("[{\"name\":\"v\",\"emptyDir\":{},\"configMap\":{\"name\":\"cm\"}}]",
                combined.at("/spec/volumes").toString());
    }

    @Test
    void unknownTemplateKeysVanish() throws Exception {
        ObjectNode out = merge("spec: {containers: [{name: a}]}",
                "spec: {containers: [{name: a, resources: {bogus: {x: 1}}, imagePullPolice: Always}]}");
        assertEquals("[{\"name\":\"a\",\"resources\":{}}]", out.at("/spec/containers").toString());
    }

    @Test
    void nonMapOverlayIsRejectedAndEmptyOverlayIsANoOp() throws Exception {
        PodMergeException e = assertThrows(PodMergeException.class, () -> merge("spec: {}", "[a]"));
        assertEquals("strategic merge: invalid JSON document", e.getMessage());
        assertEquals(GoJson.write(PodShape.pod(yaml("metadata: {name: x}"))),
                GoJson.write(StrategicMerge.apply(yaml("metadata: {name: x}"), null)));
    }

    @Test
    void mismatchedListElementTypes() {
        PodMergeException e = assertThrows(PodMergeException.class,
                () -> merge("metadata: {finalizers: [a]}", "metadata: {finalizers: [{x: 1}]}"));
        assertEquals("strategic merge: list element types are not identical: [[a] [map[x:1]]]", e.getMessage());
    }

    @Test
    void typeChangeReplacesAndDropsNestedNulls() throws Exception {
        ObjectNode out = merge("spec: {containers: [{name: a, image: i}]}",
                "spec: {containers: [{name: a, securityContext: {runAsUser: 5, privileged: null}}]}");
        assertEquals("{\"runAsUser\":5}", out.at("/spec/containers/0/securityContext").toString());
    }

    @Test
    void largeListsMergeInOrder() throws Exception {
        StringBuilder pod = new StringBuilder("spec: {containers: [{name: c, env: [");
        StringBuilder overlay = new StringBuilder("spec: {containers: [{name: c, env: [");
        for (int i = 0; i < 5000; i++) {
            pod.append(i == 0 ? "" : ",").append("{name: E").append(i).append(", value: o}");
        }
        for (int i = 4999; i >= 0; i -= 2) {
            overlay.append(i == 4999 ? "" : ",").append("{name: E").append(i).append(", value: n}");
        }
        ObjectNode out = merge(pod.append("]}]}").toString(), overlay.append("]}]}").toString());
        JsonNode env = out.at("/spec/containers/0/env");
        assertEquals(5000, env.size());
        // server-only entries (even) keep their place ahead of later shared ones; shared ones follow patch order
        assertEquals("E0", env.get(0).get("name").asText());
        assertEquals("E4998", env.get(2499).get("name").asText());
        assertEquals("E4999", env.get(2500).get("name").asText());
        assertEquals("n", env.get(2500).get("value").asText());
        assertEquals("E1", env.get(4999).get("name").asText());
    }
}
