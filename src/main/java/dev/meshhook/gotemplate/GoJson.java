package dev.meshhook.gotemplate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go encoding/json over the value model: {@code json.Marshal} (sorted map keys, struct field order, HTML-safe
 * escaping, Go float formatting) and {@code json.Unmarshal} into {@code interface{}}.
 */
public final class GoJson {
    private GoJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * The JSON kind Go's {@code json.UnmarshalTypeError} names for a value that does not fit its target
     * ({@code string}, {@code number}, {@code bool}, {@code array}, {@code object}), as in
     * "json: cannot unmarshal array into Go value of type ...".
     */
    public static String unmarshalTypeName(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isArray()) {
            return "array";
        }
        return "object";
    }

    /** Go json.Marshal of a value-model object or JsonNode (compact). */
    public static String encode(Object v) {
        StringBuilder sb = new StringBuilder();
        encode(v, sb);
        return sb.toString();
    }

    /** Go json.MarshalIndent(v, "", indent). */
    public static String encodeIndent(Object v, String indent) {
        return indentJson(encode(v), indent);
    }

    static void encode(Object v, StringBuilder sb) {
        if (v == null || v == GoValues.MISSING) {
            sb.append("null");
        } else if (v instanceof String) {
            appendString(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v) ? "true" : "false");
        } else if (v instanceof Double) {
            sb.append(formatFloat((Double) v, 64));
        } else if (v instanceof Float) {
            sb.append(formatFloat((Float) v, 32));
        } else if (GoValues.isInteger(v)) {
            sb.append(GoValues.isUnsignedInt(v) ? Long.toUnsignedString(GoValues.intBits(v)) : Long.toString(GoValues.intBits(v)));
        } else if (v instanceof JsonNode) {
            encodeNode((JsonNode) v, sb);
        } else if (v instanceof GoStruct) {
            encodeNode(((GoStruct) v).toJson(), sb);
        } else if (v instanceof GoMap && ((GoMap) v).isNil() || v instanceof GoSlice && ((GoSlice) v).isNil()) {
            sb.append("null");
        } else if (v instanceof Map || v instanceof GoMap) {
            Map<Object, Object> m = GoValues.mapOf(v);
            List<String[]> keys = new ArrayList<>(m.size());
            List<Object> origKeys = new ArrayList<>(m.keySet());
            Map<String, Object> byKey = new LinkedHashMap<>();
            for (Object k : origKeys) {
                String ks = k instanceof String ? (String) k : GoFmt.sprintValue(k);
                byKey.put(ks, m.get(k));
            }
            List<String> sorted = new ArrayList<>(byKey.keySet());
            sorted.sort(GoFmt::compareGoStrings);
            sb.append('{');
            boolean first = true;
            for (String k : sorted) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendString(sb, k);
                sb.append(':');
                encode(byKey.get(k), sb);
            }
            sb.append('}');
            keys.clear();
        } else if (v instanceof List || v instanceof GoSlice) {
            List<Object> l = GoValues.listOf(v);
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                encode(l.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("json: unsupported type: " + GoValues.typeName(v));
        }
    }

    private static void encodeNode(JsonNode n, StringBuilder sb) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendString(sb, e.getKey());
                sb.append(':');
                encodeNode(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                encodeNode(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isTextual()) {
            appendString(sb, n.textValue());
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue() ? "true" : "false");
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue().toString());
        } else if (n.isNumber()) {
            sb.append(formatFloat(n.doubleValue(), 64));
        } else {
            appendString(sb, n.asText());
        }
    }

    /** Go encoding/json float formatting. */
    public static String formatFloat(double f, int bits) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("json: unsupported value: " + GoFmt.formatFloat(f, 'g', -1, bits));
        }
        double abs = Math.abs(f);
        char fmt = 'f';
        if (abs != 0) {
            if (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && ((float) abs < 1e-6f || (float) abs >= 1e21f)) {
                fmt = 'e';
            }
        }
        String s = GoFmt.formatFloat(f, fmt, -1, bits);
        if (fmt == 'e') {
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
        }
        return s;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Go json string encoding with HTML escaping. */
    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '<': case '>': case '&': case '\u2028': case '\u2029':
                    sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append("\\ufffd");
                        }
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** Go's json isEmptyValue (omitempty). */
    public static boolean isEmptyValue(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return true;
        }
        if (v instanceof String) {
            return ((String) v).isEmpty();
        }
        if (v instanceof Boolean) {
            return !((Boolean) v);
        }
        if (GoValues.isInteger(v)) {
            return GoValues.intBits(v) == 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() == 0;
        }
        if (v instanceof Map || v instanceof GoMap) {
            return GoValues.mapOf(v).isEmpty();
        }
        if (v instanceof List || v instanceof GoSlice) {
            return GoValues.listOf(v).isEmpty();
        }
        if (v instanceof GoStruct) {
            return ((GoStruct) v).isNilPointer();
        }
        return false;
    }

    /** A value-model object as a JsonNode in Go's encoding (maps with sorted keys, structs in field order). */
    public static JsonNode toJsonNode(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return F.nullNode();
        }
        if (v instanceof JsonNode) {
            return (JsonNode) v;
        }
        if (v instanceof String) {
            return F.textNode((String) v);
        }
        if (v instanceof Boolean) {
            return F.booleanNode((Boolean) v);
        }
        if (v instanceof Double) {
            return F.numberNode((Double) v);
        }
        if (v instanceof Float) {
            return F.numberNode((Float) v);
        }
        if (GoValues.isUnsignedInt(v)) {
            return F.numberNode(new java.math.BigInteger(Long.toUnsignedString(GoValues.intBits(v))));
        }
        if (GoValues.isInteger(v)) {
            return F.numberNode(GoValues.intBits(v));
        }
        if (v instanceof GoStruct) {
            return ((GoStruct) v).toJson();
        }
        if (v instanceof GoMap && ((GoMap) v).isNil() || v instanceof GoSlice && ((GoSlice) v).isNil()) {
            return F.nullNode();
        }
        if (v instanceof Map || v instanceof GoMap) {
            Map<Object, Object> m = GoValues.mapOf(v);
            Map<String, Object> byKey = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                Object k = e.getKey();
                byKey.put(k instanceof String ? (String) k : GoFmt.sprintValue(k), e.getValue());
            }
            List<String> sorted = new ArrayList<>(byKey.keySet());
            sorted.sort(GoFmt::compareGoStrings);
            ObjectNode o = F.objectNode();
            for (String k : sorted) {
                o.set(k, toJsonNode(byKey.get(k)));
            }
            return o;
        }
        if (v instanceof List || v instanceof GoSlice) {
            ArrayNode a = F.arrayNode();
            for (Object e : GoValues.listOf(v)) {
                a.add(toJsonNode(e));
            }
            return a;
        }
        throw new IllegalArgumentException("json: unsupported type: " + GoValues.typeName(v));
    }

    /**
     * Go json.Unmarshal into {@code interface{}}: objects → map[string]interface {}, arrays → []interface {}, numbers
     * → float64. Duplicate keys: last wins.
     * @throws IllegalArgumentException with a message when the text is not one valid JSON value
     */
    public static Object decode(String text) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("unexpected end of JSON input");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("invalid character after top-level value");
            }
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken x;
                while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, x));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Double.parseDouble(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected JSON token " + t);
        }
    }

    /** Go json.Indent-like re-formatting of compact JSON produced by {@link #encode}. */
    static String indentJson(String compact, String indent) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        boolean inStr = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inStr) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(compact.charAt(++i));
                } else if (c == '"') {
                    inStr = false;
                }
                continue;
            }
            switch (c) {
                case '"':
                    inStr = true;
                    sb.append(c);
                    break;
                case '{': case '[': {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
                        sb.append(c).append(close);
                        i++;
                        break;
                    }
                    depth++;
                    sb.append(c).append('\n');
                    sb.append(indent.repeat(depth));
                    break;
                }
                case '}': case ']':
                    depth--;
                    sb.append('\n').append(indent.repeat(depth)).append(c);
                    break;
                case ',':
                    sb.append(",\n").append(indent.repeat(depth));
                    break;
                case ':':
                    sb.append(": ");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
