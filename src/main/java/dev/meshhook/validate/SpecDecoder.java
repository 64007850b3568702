package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Decodes a raw {@code spec} against a {@link ProtoType} the way Istio's lenient proto-JSON decoding
 * does (§1.6), producing a normalised tree the validators read:
 * <ul>
 *   <li>keys in lowerCamelCase only (snake_case accepted; camelCase wins when both are given);</li>
 *   <li>unknown fields dropped, {@code null} fields dropped, {@code []} lists dropped (absent);</li>
 *   <li>{@code null} entries in lists/maps of messages become empty objects;</li>
 *   <li>integers (also quoted) as JSON integers, floats as doubles, enums as value names (an undefined
 *       number stays a number), durations as nanoseconds, wrappers as the bare value.</li>
 * </ul>
 * Type mismatches raise {@link DecodeException}; the caller reports them as
 * {@code error decoding configuration: <detail>}.
 */
public final class SpecDecoder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xffffffffL);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SpecDecoder() {}

    /** The location of a value, rendered only when an error needs it (decoding is on the hot path). */
    private record Path(Path parent, String name, int index) {
        static final Path ROOT = new Path(null, "", -1);

        Path field(String n) {
            return new Path(this, n, -1);
        }

        Path at(int i) {
            return new Path(this, null, i);
        }

        Path key(String k) {
            return new Path(this, "[" + GoFormat.quote(k) + "]", -2);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            String p = parent.toString();
            if (index >= 0) {
                return p + "[" + index + "]";
            }
            if (index == -2) {
                return p + name;
            }
            return p.isEmpty() ? name : p + "." + name;
        }
    }

    /** A spec that does not fit its proto type. */
    public static final class DecodeException extends Exception {
        public DecodeException(String message) {
            super(message, null, false, false);
        }
    }

    /** Decodes {@code raw} (may be null/missing: an empty message) as the message type {@code type}. */
    public static ObjectNode decode(JsonNode raw, ProtoType type) throws DecodeException {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return F.objectNode();
        }
        return decodeMessage(raw, type, Path.ROOT);
    }

    private static ObjectNode decodeMessage(JsonNode raw, ProtoType type, Path path) throws DecodeException {
        if (!raw.isObject()) {
            throw mismatch(raw, type, path);
        }
        ObjectNode out = F.objectNode();
        // Two passes so that the camelCase spelling wins over snake_case regardless of order.
        for (int pass = 0; pass < 2; pass++) {
            Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String jsonName;
                if (type.fields().containsKey(key)) {
                    if (pass == 0) {
                        continue;
                    }
                    jsonName = key;
                } else {
                    jsonName = type.jsonNameForSnake(key);
                    if (jsonName == null || pass == 1) {
                        continue;
                    }
                }
                ProtoType ft = type.fields().get(jsonName);
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) {
                    out.remove(jsonName);
                    continue;
                }
                Path fp = path.field(jsonName);
                JsonNode decoded = decodeValue(v, ft, fp);
                if (decoded == null) {
                    out.remove(jsonName);
                } else {
                    out.set(jsonName, decoded);
                }
            }
        }
        return out;
    }

    /** Returns null when the value is equivalent to "not set" (an empty list). */
    private static JsonNode decodeValue(JsonNode v, ProtoType t, Path path) throws DecodeException {
        switch (t.kind()) {
            case MESSAGE:
                return decodeMessage(v, t, path);
            case LIST: {
                if (!v.isArray()) {
                    throw mismatch(v, t, path);
                }
                if (v.isEmpty()) {
                    return null;
                }
                ArrayNode arr = F.arrayNode(v.size());
                int i = 0;
                for (JsonNode el : v) {
                    Path ep = path.at(i++);
                    if (el == null || el.isNull()) {
                        if (t.element().kind() == ProtoType.Kind.MESSAGE) {
                            arr.add(F.objectNode());
                            continue;
                        }
                        if (t.element().kind() == ProtoType.Kind.VALUE) {
                            arr.add(F.nullNode());
                            continue;
                        }
                        throw new DecodeException("null value in repeated field " + ep);
                    }
                    arr.add(decodeValue(el, t.element(), ep));
                }
                return arr;
            }
            case MAP: {
                if (!v.isObject()) {
                    throw mismatch(v, t, path);
                }
                ObjectNode m = F.objectNode();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    if (t.numericKeys()) {
                        key = canonicalUint32Key(key, path);
                    }
                    JsonNode mv = e.getValue();
                    Path ep = path.key(e.getKey());
                    if (mv == null || mv.isNull()) {
                        if (t.element().kind() == ProtoType.Kind.MESSAGE) {
                            m.set(key, F.objectNode());
                            continue;
                        }
                        if (t.element().kind() == ProtoType.Kind.VALUE) {
                            m.set(key, F.nullNode());
                            continue;
                        }
                        throw new DecodeException("null value in map field " + ep);
                    }
                    m.set(key, decodeValue(mv, t.element(), ep));
                }
                return m;
            }
            case STRING:
                if (!v.isTextual()) {
                    throw mismatch(v, t, path);
                }
                return v;
            case BOOL:
                if (!v.isBoolean()) {
                    throw mismatch(v, t, path);
                }
                return v;
            case INT32:
                return F.numberNode(integer(v, t, path, INT32_MIN, INT32_MAX).longValue());
            case UINT32:
                return F.numberNode(integer(v, t, path, BigInteger.ZERO, UINT32_MAX).longValue());
            case INT64:
                return F.numberNode(integer(v, t, path, INT64_MIN, INT64_MAX).longValue());
            case UINT64: {
                BigInteger b = integer(v, t, path, BigInteger.ZERO, UINT64_MAX);
                return b.bitLength() < 64 ? F.numberNode(b.longValue()) : F.numberNode(b);
            }
            case DOUBLE:
                return F.numberNode(floating(v, t, path));
            case DURATION: {
                if (!v.isTextual()) {
                    throw new DecodeException("bad Duration: field " + path + " must be a string, got " + jsonType(v));
                }
                try {
                    return F.numberNode(Durations.parseGo(v.asText()));
                } catch (Durations.SyntaxException ex) {
                    throw new DecodeException("bad Duration: " + ex.getMessage());
                }
            }
            case BYTES: {
                if (!v.isTextual()) {
                    throw mismatch(v, t, path);
                }
                if (decodeBase64(v.asText()) == null) {
                    throw new DecodeException("illegal base64 data in field " + path);
                }
                return v;
            }
            case VALUE:
                return v;
            case STRUCT:
                if (!v.isObject()) {
                    throw mismatch(v, t, path);
                }
                return v;
            case ENUM: {
                if (v.isTextual()) {
                    String s = v.asText();
                    if (t.enumValues().contains(s)) {
                        return v;
                    }
                    throw new DecodeException("unknown value " + GoFormat.quote(GoFormat.quote(s)) + " for enum " + t.name());
                }
                if (v.isIntegralNumber()) {
                    BigInteger b = v.bigIntegerValue();
                    if (b.compareTo(INT32_MIN) < 0 || b.compareTo(INT32_MAX) > 0) {
                        throw new DecodeException("enum value " + b + " out of range for " + t.name());
                    }
                    int n = b.intValue();
                    if (n >= 0 && n < t.enumValues().size()) {
                        return F.textNode(t.enumValues().get(n));
                    }
                    return F.numberNode((long) n);
                }
                throw mismatch(v, t, path);
            }
            default:
                throw new IllegalStateException("unhandled proto kind " + t.kind());
        }
    }

    /** Decoded bytes of standard or URL-safe base64 (padding optional), or null when invalid. */
    public static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }

    private static String canonicalUint32Key(String key, Path path) throws DecodeException {
        try {
            BigInteger b = new BigInteger(key);
            if (b.signum() < 0 || b.compareTo(UINT32_MAX) > 0 || key.startsWith("+")) {
                throw new NumberFormatException();
            }
            return b.toString();
        } catch (NumberFormatException e) {
            throw new DecodeException("invalid map key " + GoFormat.quote(key) + " in field " + path
                    + ": strconv.ParseUint: parsing " + GoFormat.quote(key) + ": invalid syntax");
        }
    }

    private static BigInteger integer(JsonNode v, ProtoType t, Path path, BigInteger min, BigInteger max)
            throws DecodeException {
        BigInteger b;
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            long l = v.longValue();
            if (l >= min.longValue() && (max.bitLength() >= 64 || l <= max.longValue())) {
                return BigInteger.valueOf(l);
            }
            b = BigInteger.valueOf(l);
        } else if (v.isIntegralNumber()) {
            b = v.bigIntegerValue();
        } else if (v.isTextual()) {
            String s = v.asText();
            if (!s.matches("-?[0-9]+")) {
                throw new DecodeException("invalid value " + GoFormat.quote(s) + " for " + t.name() + " field " + path);
            }
            b = new BigInteger(s);
        } else {
            throw mismatch(v, t, path);
        }
        if (b.compareTo(min) < 0 || b.compareTo(max) > 0) {
            throw new DecodeException("value " + b + " out of range for " + t.name() + " field " + path);
        }
        return b;
    }

    private static double floating(JsonNode v, ProtoType t, Path path) throws DecodeException {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String s = v.asText();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        if (s.isEmpty() || s.trim().length() != s.length()) {
                            throw new NumberFormatException();
                        }
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new DecodeException("invalid value " + GoFormat.quote(s) + " for " + t.name() + " field " + path);
                    }
            }
        }
        throw mismatch(v, t, path);
    }

    private static DecodeException mismatch(JsonNode v, ProtoType t, Path path) {
        return new DecodeException("json: cannot unmarshal " + jsonType(v) + " into field " + path + " of type " + t.name());
    }

    private static String jsonType(JsonNode v) {
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
        if (v.isObject()) {
            return "object";
        }
        return "null";
    }
}
