package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared Jackson mappers and small tree helpers for the injection core (package-private). */
final class Json {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    /**
     * Parses YAML (a superset of JSON); an empty document yields a missing node. The plain block YAML that
     * templates render takes the fast path ({@link BlockYaml}); everything else goes through Jackson.
     */
    static JsonNode readYaml(String text) throws JsonProcessingException {
        String t = text == null ? "" : text;
        JsonNode fast = BlockYaml.parse(t);
        if (fast != null) return fast;
        JsonNode n = YAML.readTree(t);
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }

    static String text(JsonNode n, String field) {
        if (n == null) return "";
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static JsonNode path(JsonNode n, String... fields) {
        JsonNode cur = n;
        for (String f : fields) {
            if (cur == null || !cur.isObject()) return null;
            cur = cur.get(f);
        }
        return cur;
    }

    static String pathText(JsonNode n, String... fields) {
        JsonNode v = path(n, fields);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    /** String map of an object node (labels, annotations); non-object → empty map. */
    static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        return m;
    }

    static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) return o;
        return parent.putObject(field);
    }

    static ArrayNode arr(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n instanceof ArrayNode a ? a : F.arrayNode();
    }

    /** RFC 7386 JSON merge patch, applied in place on {@code target} when both are objects. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) return patch == null ? target : patch.deepCopy();
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) t.remove(e.getKey());
            else t.set(e.getKey(), mergePatch(t.get(e.getKey()), e.getValue()));
        }
        return t;
    }

    /** Go {@code %q}-style quoting used in error texts (strconv.Quote, ASCII-printable subset). */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
