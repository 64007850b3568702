package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small accessors on Go-shaped pod JSON shared by the injection stages. */
public final class Pods {

    /** Name of the proxy container (inject-spec l.3). */
    public static final String PROXY = "istio-proxy";
    public static final String INIT = "istio-init";
    public static final String VALIDATION = "istio-validation";
    public static final String CORE_DUMP = "enable-core-dump";
    public static final String STATUS_ANNOTATION = "sidecar.istio.io/status";
    public static final String OVERRIDES_ANNOTATION = "proxy.istio.io/overrides";

    private Pods() {
    }

    /** {@code spec.containers} or an empty array (never null). */
    public static ArrayNode containers(JsonNode pod) {
        return list(pod, "containers");
    }

    /** {@code spec.initContainers} or an empty array (never null). */
    public static ArrayNode initContainers(JsonNode pod) {
        return list(pod, "initContainers");
    }

    private static ArrayNode list(JsonNode pod, String field) {
        JsonNode l = pod == null ? null : pod.path("spec").get(field);
        return l != null && l.isArray() ? (ArrayNode) l : com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.arrayNode();
    }

    /** First container named {@code name} in {@code list}, or null. */
    public static ObjectNode find(ArrayNode list, String name) {
        for (JsonNode c : list) {
            if (c.isObject() && name.equals(c.path("name").asText(null))) {
                return (ObjectNode) c;
            }
        }
        return null;
    }

    /** First {@code name} container in containers, then init containers ({@code FindContainerFromPod}). */
    public static ObjectNode findAnywhere(JsonNode pod, String name) {
        ObjectNode c = find(containers(pod), name);
        return c != null ? c : find(initContainers(pod), name);
    }

    /** The proxy container ({@code FindSidecar}): containers first, then init containers. */
    public static ObjectNode findSidecar(JsonNode pod) {
        return findAnywhere(pod, PROXY);
    }

    /** An annotation value, or null when absent. */
    public static String annotation(JsonNode pod, String key) {
        JsonNode v = pod == null ? null : pod.path("metadata").path("annotations").get(key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** {@code metadata.annotations}, created when missing. */
    public static ObjectNode annotations(ObjectNode pod) {
        return mapField(pod, "annotations");
    }

    /** {@code metadata.labels}, created when missing. */
    public static ObjectNode labels(ObjectNode pod) {
        return mapField(pod, "labels");
    }

    private static ObjectNode mapField(ObjectNode pod, String field) {
        ObjectNode meta = pod.get("metadata") instanceof ObjectNode m ? m : pod.putObject("metadata");
        return meta.get(field) instanceof ObjectNode a ? a : meta.putObject(field);
    }

    /** {@code spec}, created when missing. */
    public static ObjectNode spec(ObjectNode pod) {
        return pod.get("spec") instanceof ObjectNode s ? s : pod.putObject("spec");
    }
}
