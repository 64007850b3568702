package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** f.10 {@code appendMultusNetwork}: adds the Istio CNI network to {@code k8s.v1.cni.cncf.io/networks}. */
public final class MultusNetwork {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MultusNetwork() {
    }

    /**
     * @param existing current annotation value (flat {@code a, b} list or a JSON list of network objects)
     * @param net      {@code [namespace/]name}, e.g. {@code default/istio-cni}
     */
    public static String append(String existing, String net) {
        if (existing == null || existing.isEmpty()) {
            return net;
        }
        int slash = net.indexOf('/');
        String namespace = slash >= 0 ? net.substring(0, slash) : "";
        String name = slash >= 0 ? net.substring(slash + 1) : net;
        if (existing.contains("]")) {
            JsonNode list;
            try {
                list = MAPPER.readTree(existing);
            } catch (Exception e) {
                return existing;
            }
            if (list == null || !list.isArray()) {
                return existing;
            }
            for (JsonNode n : list) {
                if (!n.isObject()) {
                    return existing;
                }
                if (name.equals(field(n, "name")) && namespace.equals(field(n, "namespace"))) {
                    return existing;
                }
            }
            String entry = namespace.isEmpty() ? ", {\"name\": \"" + name + "\"}"
                    : ", {\"name\": \"" + name + "\", \"namespace\": \"" + namespace + "\"}";
            int last = existing.lastIndexOf(']');
            return existing.substring(0, last) + entry + existing.substring(last);
        }
        for (String item : existing.split(",", -1)) {
            if (item.strip().equals(net)) {
                return existing;
            }
        }
        return existing + ", " + net;
    }

    /** Go decodes struct fields case-insensitively; a missing field is "". */
    private static String field(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equalsIgnoreCase(key)) {
                    v = e.getValue();
                }
            }
        }
        return v != null && v.isTextual() ? v.textValue() : "";
    }
}
