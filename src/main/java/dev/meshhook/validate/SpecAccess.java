package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads spec fields the way Istio's lenient proto-JSON decoder sees them (validation-spec §1.6): a field may be
 * written under its lowerCamelCase JSON name or its snake_case proto name (camelCase wins), and {@code null}
 * means "not set". Absent values come back as {@code null}, empty lists or empty strings, never as exceptions.
 */
final class SpecAccess {
    private SpecAccess() {}

    /** The field's node, or {@code null} when absent or JSON null. */
    static JsonNode get(JsonNode obj, String camelName) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode v = obj.get(camelName);
        if (v != null && !v.isNull()) {
            return v;
        }
        String snake = toSnake(camelName);
        if (!snake.equals(camelName)) {
            JsonNode s = obj.get(snake);
            if (s != null && !s.isNull()) {
                return s;
            }
        }
        return null;
    }

    static boolean has(JsonNode obj, String camelName) {
        return get(obj, camelName) != null;
    }

    /** A string field ("" when unset). */
    static String text(JsonNode obj, String camelName) {
        JsonNode v = get(obj, camelName);
        return v == null ? "" : v.asText();
    }

    /** A repeated field: {@code []} and absent are the same (empty list). Null elements are kept as JSON null. */
    static List<JsonNode> list(JsonNode obj, String camelName) {
        JsonNode v = get(obj, camelName);
        if (v == null || !v.isArray() || v.isEmpty()) {
            return Collections.emptyList();
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    /** A repeated string field. */
    static List<String> strings(JsonNode obj, String camelName) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list(obj, camelName)) {
            out.add(n == null || n.isNull() ? "" : n.asText());
        }
        return out;
    }

    /** A map field as entries in document order; {@code null} when absent, empty map when given as {@code {}}. */
    static Map<String, JsonNode> map(JsonNode obj, String camelName) {
        JsonNode v = get(obj, camelName);
        return asMap(v);
    }

    static Map<String, JsonNode> asMap(JsonNode v) {
        if (v == null || !v.isObject()) {
            return null;
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A map of strings (labels); null values count as "". */
    static Map<String, String> stringMap(JsonNode v) {
        Map<String, JsonNode> m = asMap(v);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(k, val == null || val.isNull() ? "" : val.asText()));
        return out;
    }

    /** An integer field (JSON number or quoted number); {@code def} when unset or not an integer. */
    static long integer(JsonNode obj, String camelName, long def) {
        JsonNode v = get(obj, camelName);
        return asLong(v, def);
    }

    static long asLong(JsonNode v, long def) {
        if (v == null) {
            return def;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return d == Math.rint(d) ? (long) d : def;
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                return def;
            }
        }
        return def;
    }

    /** A floating-point field (JSON number or quoted number). */
    static double number(JsonNode obj, String camelName, double def) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return def;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return def;
            }
        }
        return def;
    }

    static boolean bool(JsonNode obj, String camelName) {
        JsonNode v = get(obj, camelName);
        return v != null && (v.isBoolean() ? v.asBoolean() : "true".equals(v.asText()));
    }

    /**
     * An enum field as its name. Numbers are mapped through {@code names} (index = enum number); a number
     * with no name comes back as its decimal text, as Go prints an undefined enum value.
     */
    static String enumName(JsonNode obj, String camelName, String... names) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return names.length > 0 ? names[0] : "";
        }
        if (v.isIntegralNumber()) {
            int i = v.asInt();
            return i >= 0 && i < names.length ? names[i] : Integer.toString(i);
        }
        return v.asText();
    }

    static String toSnake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
