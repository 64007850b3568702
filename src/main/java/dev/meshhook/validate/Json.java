package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/** Null-tolerant readers over a decoded spec (see {@link SpecDecoder} for the normalised shape). */
public final class Json {
    private Json() {}

    /** Whether the field is set (present and not null). */
    public static boolean has(JsonNode n, String field) {
        if (n == null) {
            return false;
        }
        JsonNode v = n.get(field);
        return v != null && !(v instanceof NullNode);
    }

    /** The field's node, or null when unset. */
    public static JsonNode get(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.get(field);
        // instanceof, not isNull(): a type check instead of a megamorphic call on this hottest path
        return v == null || v instanceof NullNode ? null : v;
    }

    /** String field, "" when unset (proto3 default). */
    public static String str(JsonNode n, String field) {
        JsonNode v = get(n, field);
        return v == null ? "" : v.asText();
    }

    /** Integer field, 0 when unset (also the nanoseconds of a duration field). */
    public static long lng(JsonNode n, String field) {
        JsonNode v = get(n, field);
        return v == null ? 0 : v.asLong();
    }

    public static double dbl(JsonNode n, String field) {
        JsonNode v = get(n, field);
        return v == null ? 0 : v.asDouble();
    }

    public static boolean bool(JsonNode n, String field) {
        JsonNode v = get(n, field);
        return v != null && v.asBoolean();
    }

    /** Elements of a list field; empty when unset. A read-only view (specs are not modified while validated). */
    public static List<JsonNode> list(JsonNode n, String field) {
        JsonNode v = get(n, field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            return List.of();
        }
        return new Elements(v);
    }

    private static final class Elements extends AbstractList<JsonNode> implements RandomAccess {
        private final JsonNode array;

        Elements(JsonNode array) {
            this.array = array;
        }

        @Override
        public JsonNode get(int index) {
            JsonNode e = array.get(index);
            if (e == null) {
                throw new IndexOutOfBoundsException(index);
            }
            return e;
        }

        @Override
        public int size() {
            return array.size();
        }
    }

    /** Elements of a list of strings; empty when unset. */
    public static List<String> strings(JsonNode n, String field) {
        JsonNode v = get(n, field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            out.add(e.asText());
        }
        return out;
    }

    /** Number of entries of a list or map field; 0 when unset. */
    public static int size(JsonNode n, String field) {
        JsonNode v = get(n, field);
        return v == null ? 0 : v.size();
    }

    /** Enum field as its value name ("" for an unset field decodes to the first value; pass it as dflt). */
    public static String enumName(JsonNode n, String field, String dflt) {
        JsonNode v = get(n, field);
        return v == null ? dflt : v.asText();
    }
}
