package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * RFC 6902 patch between two JSON documents with the shape of gomodules.xyz/jsonpatch {@code CreatePatch}
 * (inject-spec g): whole-value adds for new keys, positional array handling (removes from the end, then adds,
 * then element-wise recursion), replace on type change, RFC 6901 path escaping.
 */
public final class JsonPatchDiff {
    private JsonPatchDiff() {}

    /** Operations turning {@code from} into {@code to}; an empty array when they are equal. */
    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = Json.F.arrayNode();
        if (from.equals(to)) return ops;
        values(from, to, "", ops);
        return ops;
    }

    private static void values(JsonNode a, JsonNode b, String path, ArrayNode ops) {
        if (kind(a) != kind(b)) {
            op(ops, "replace", path, b);
            return;
        }
        switch (kind(a)) {
            case OBJECT -> objects((ObjectNode) a, (ObjectNode) b, path, ops);
            case ARRAY -> {
                ArrayNode x = (ArrayNode) a;
                ArrayNode y = (ArrayNode) b;
                int n = Math.min(x.size(), y.size());
                for (int i = x.size() - 1; i >= n; i--) op(ops, "remove", path + "/" + i, null);
                for (int i = n; i < y.size(); i++) op(ops, "add", path + "/" + i, y.get(i));
                for (int i = 0; i < n; i++) values(x.get(i), y.get(i), path + "/" + i, ops);
            }
            case NULL -> { }
            default -> {
                if (!sameScalar(a, b)) op(ops, "replace", path, b);
            }
        }
    }

    private static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    private static void objects(ObjectNode a, ObjectNode b, String path, ArrayNode ops) {
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "/" + escape(e.getKey());
            JsonNode av = a.get(e.getKey());
            if (av == null) op(ops, "add", p, e.getValue());
            else values(av, e.getValue(), p, ops);
        }
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!b.has(k)) op(ops, "remove", path + "/" + escape(k), null);
        }
    }

    /** JSON types as Go sees them after decoding into interface{} (every number is a float64). */
    private static JsonNodeType kind(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        return t == JsonNodeType.POJO || t == JsonNodeType.BINARY ? JsonNodeType.STRING : t;
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void op(ArrayNode ops, String op, String path, JsonNode value) {
        ObjectNode o = ops.addObject();
        o.put("op", op);
        o.put("path", path);
        if (!op.equals("remove")) o.set("value", value == null ? Json.F.nullNode() : value);
    }
}
