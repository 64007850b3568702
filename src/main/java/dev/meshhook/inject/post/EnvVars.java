package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Env list helpers on a Go-shaped container. */
final class EnvVars {

    private EnvVars() {
    }

    static ArrayNode env(ObjectNode container) {
        return container.get("env") instanceof ArrayNode a ? a : container.putArray("env");
    }

    static ObjectNode find(ObjectNode container, String name) {
        JsonNode env = container.get("env");
        if (env == null) {
            return null;
        }
        for (JsonNode e : env) {
            if (name.equals(e.path("name").asText(null))) {
                return (ObjectNode) e;
            }
        }
        return null;
    }

    static void append(ObjectNode container, String name, String value) {
        ObjectNode e = env(container).addObject();
        e.put("name", name);
        e.put("value", value);
    }
}
