package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.Pods;

/** f.7 {@code reorderPod}: proxy last (first with hold); init containers ordered around iptables setup. */
final class ContainerOrder {

    private ContainerOrder() {
    }

    static void apply(ObjectNode pod, boolean hold) {
        ObjectNode spec = Pods.spec(pod);
        // Go rebuilds the slice even when nothing moves, so a nil containers list becomes [] (inject-spec g).
        spec.set("containers", move(list(spec, "containers"), Pods.PROXY, hold));
        ArrayNode init = list(spec, "initContainers");
        if (Pods.find(init, Pods.PROXY) != null) {
            init = move(init, Pods.CORE_DUMP, true);
            init = move(init, Pods.PROXY, true);
            init = move(init, Pods.VALIDATION, true);
            init = move(init, Pods.INIT, true);
        } else {
            init = move(init, Pods.VALIDATION, true);
            init = move(init, Pods.INIT, false);
            init = move(init, Pods.CORE_DUMP, false);
        }
        spec.set("initContainers", init);
    }

    private static ArrayNode list(ObjectNode spec, String field) {
        JsonNode l = spec.get(field);
        return l instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode();
    }

    /** Go {@code modifyContainers}: the last entry named {@code name} moves; other entries of that name vanish. */
    static ArrayNode move(ArrayNode list, String name, boolean first) {
        ArrayNode rest = JsonNodeFactory.instance.arrayNode(list.size());
        JsonNode match = null;
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asText(null))) {
                match = c;
            } else {
                rest.add(c);
            }
        }
        if (match == null) {
            return rest;
        }
        if (first) {
            rest.insert(0, match);
        } else {
            rest.add(match);
        }
        return rest;
    }
}
