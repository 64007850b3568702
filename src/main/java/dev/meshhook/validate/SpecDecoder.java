package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

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
 * Subtrees of the raw spec that are already in this form are reused, not copied (a valid spec mostly is).
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

    /**
     * The location of a value, for error texts only. Decoding runs without locations (a null {@code Path}); the
     * first error that needs one aborts that run with {@link Retrace} and the spec is decoded again with
     * locations, which reaches the same first error (decoding is deterministic). So the common, valid spec
     * allocates no paths.
     */
    private record Path(Path parent, String name, int index) {
        static final Path ROOT = new Path(null, "", -1);
        private static final int MAP_KEY = -2;

        static Path field(Path p, String n) {
            return p == null ? null : new Path(p, n, -1);
        }

        static Path at(Path p, int i) {
            return p == null ? null : new Path(p, null, i);
        }

        static Path key(Path p, String k) {
            return p == null ? null : new Path(p, k, MAP_KEY);
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
            if (index == MAP_KEY) {
                return p + "[" + GoFormat.quote(name) + "]";
            }
            return p.isEmpty() ? name : p + "." + name;
        }
    }

    /** Thrown by {@link #where} in a run without locations; never escapes {@link #decode}. */
    private static final class Retrace extends RuntimeException {
        static final Retrace INSTANCE = new Retrace();

        private Retrace() {
            super(null, null, false, false);
        }
    }

    /** The rendered location for an error text; aborts a run without locations (see {@link Path}). */
    private static String where(Path path) {
        if (path == null) {
            throw Retrace.INSTANCE;
        }
        return path.toString();
    }

    /** A spec that does not fit its proto type. */
    public static final class DecodeException extends Exception {
        public DecodeException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes {@code raw} (may be null/missing: an empty message) as the message type {@code type}. Parts of
     * {@code raw} that are already in normalised form are shared with the result, not copied: callers must not
     * modify either tree.
     */
    public static ObjectNode decode(JsonNode raw, ProtoType type) throws DecodeException {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return F.objectNode();
        }
        JsonNode out;
        try {
            out = decodeMessage(raw, type, null);
        } catch (Retrace r) {
            out = decodeMessage(raw, type, Path.ROOT);
        }
        return (ObjectNode) out;
    }

    /**
     * Returns {@code raw} itself when every field is known, spelled in camelCase, set and already normalised;
     * otherwise a new object (copy on the first difference).
     */
    private static JsonNode decodeMessage(JsonNode raw, ProtoType type, Path path) throws DecodeException {
        if (!raw.isObject()) {
            throw mismatch(raw, type, path);
        }
        ObjectNode out = null;
        int unchanged = 0;
        Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
        try {
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                ProtoType ft = type.fieldType(key);
                JsonNode decoded;
                JsonNode v = e.getValue();
                if (ft == null) {
                    if (type.jsonNameForSnake(key) != null) {
                        return decodeMessageMixedSpelling(raw, type, path);
                    }
                    decoded = null; // unknown field: dropped
                } else if (v == null || v.isNull()) {
                    decoded = null;
                } else {
                    decoded = decodeValue(v, ft, Path.field(path, key));
                }
                if (out == null) {
                    if (decoded != null && decoded == v) {
                        unchanged++;
                        continue;
                    }
                    out = copyOfFirst(raw, unchanged);
                }
                if (decoded != null) {
                    out.set(key, decoded);
                }
            }
        } catch (DecodeException | Retrace ex) {
            // A snake_case key later in the object is decoded first by the two-pass rule: let it report.
            if (hasSnakeKey(raw, type)) {
                return decodeMessageMixedSpelling(raw, type, path);
            }
            throw ex;
        }
        return out == null ? raw : out;
    }

    private static boolean hasSnakeKey(JsonNode raw, ProtoType type) {
        Iterator<String> names = raw.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (type.fieldType(key) == null && type.jsonNameForSnake(key) != null) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode copyOfFirst(JsonNode raw, int n) {
        ObjectNode out = F.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
        for (int i = 0; i < n; i++) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    /** An object with snake_case keys: two passes so that the camelCase spelling wins regardless of order. */
    private static ObjectNode decodeMessageMixedSpelling(JsonNode raw, ProtoType type, Path path)
            throws DecodeException {
        ObjectNode out = F.objectNode();
        for (int pass = 0; pass < 2; pass++) {
            Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String jsonName;
                if (type.fieldType(key) != null) {
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
                ProtoType ft = type.fieldType(jsonName);
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) {
                    out.remove(jsonName);
                    continue;
                }
                JsonNode decoded = decodeValue(v, ft, Path.field(path, jsonName));
                if (decoded == null) {
                    out.remove(jsonName);
                } else {
                    out.set(jsonName, decoded);
                }
            }
        }
        return out;
    }

    /**
     * Returns null when the value is equivalent to "not set" (an empty list), {@code v} itself when it is
     * already normalised. Integers are normalised by value (an int node when the value fits 32 bits, else a long
     * node, else a big-integer node), so equal values always get equal nodes, decoded or shared.
     */
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
                ArrayNode arr = null;
                ProtoType et = t.element();
                int n = v.size();
                for (int i = 0; i < n; i++) {
                    JsonNode el = v.get(i);
                    JsonNode d;
                    if (el == null || el.isNull()) {
                        if (et.kind() == ProtoType.Kind.MESSAGE) {
                            d = F.objectNode();
                        } else if (et.kind() == ProtoType.Kind.VALUE) {
                            d = F.nullNode();
                        } else {
                            throw new DecodeException("null value in repeated field " + where(Path.at(path, i)));
                        }
                    } else {
                        d = decodeValue(el, et, Path.at(path, i));
                    }
                    if (arr == null) {
                        if (d == el) {
                            continue;
                        }
                        arr = F.arrayNode(n);
                        for (int j = 0; j < i; j++) {
                            arr.add(v.get(j));
                        }
                    }
                    arr.add(d);
                }
                return arr == null ? v : arr;
            }
            case MAP: {
                if (!v.isObject()) {
                    throw mismatch(v, t, path);
                }
                ObjectNode m = null;
                int unchanged = 0;
                ProtoType et = t.element();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String rawKey = e.getKey();
                    String key = t.numericKeys() ? canonicalUint32Key(rawKey, path) : rawKey;
                    JsonNode mv = e.getValue();
                    JsonNode d;
                    if (mv == null || mv.isNull()) {
                        if (et.kind() == ProtoType.Kind.MESSAGE) {
                            d = F.objectNode();
                        } else if (et.kind() == ProtoType.Kind.VALUE) {
                            d = F.nullNode();
                        } else {
                            throw new DecodeException("null value in map field " + where(Path.key(path, rawKey)));
                        }
                    } else {
                        d = decodeValue(mv, et, Path.key(path, rawKey));
                    }
                    if (m == null) {
                        if (d == mv && key.equals(rawKey)) {
                            unchanged++;
                            continue;
                        }
                        m = copyOfFirst(v, unchanged);
                    }
                    m.set(key, d);
                }
                return m == null ? v : m;
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
            case UINT32:
            case INT64:
            case UINT64:
                return decodeInteger(v, t, path);
            case DOUBLE:
                return v.isDouble() ? v : F.numberNode(floating(v, t, path));
            case DURATION: {
                if (!v.isTextual()) {
                    throw new DecodeException("bad Duration: field " + where(path) + " must be a string, got "
                            + jsonType(v));
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
                    throw new DecodeException("illegal base64 data in field " + where(path));
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

    /** An integer field: a JSON integer or a quoted decimal, within the type's range. */
    private static JsonNode decodeInteger(JsonNode v, ProtoType t, Path path) throws DecodeException {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long l = v.longValue();
            boolean inRange = switch (t.kind()) {
                case INT32 -> l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
                case UINT32 -> l >= 0 && l <= 0xffffffffL;
                case INT64 -> true;
                default -> l >= 0; // UINT64: every non-negative long
            };
            if (inRange) {
                return integerNode(v, l);
            }
        }
        BigInteger b = switch (t.kind()) {
            case INT32 -> integer(v, t, path, INT32_MIN, INT32_MAX);
            case UINT32 -> integer(v, t, path, BigInteger.ZERO, UINT32_MAX);
            case INT64 -> integer(v, t, path, INT64_MIN, INT64_MAX);
            default -> integer(v, t, path, BigInteger.ZERO, UINT64_MAX);
        };
        return b.bitLength() < 64 ? integerNode(null, b.longValue()) : F.numberNode(b);
    }

    /** The normalised node for an integer value; {@code raw} when it already is that node. */
    private static JsonNode integerNode(JsonNode raw, long l) {
        if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return raw != null && raw.isInt() ? raw : F.numberNode((int) l);
        }
        return raw != null && raw.isLong() ? raw : F.numberNode(l);
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
            throw new DecodeException("invalid map key " + GoFormat.quote(key) + " in field " + where(path)
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
                throw new DecodeException("invalid value " + GoFormat.quote(s) + " for " + t.name() + " field " + where(path));
            }
            b = new BigInteger(s);
        } else {
            throw mismatch(v, t, path);
        }
        if (b.compareTo(min) < 0 || b.compareTo(max) > 0) {
            throw new DecodeException("value " + b + " out of range for " + t.name() + " field " + where(path));
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
                        throw new DecodeException("invalid value " + GoFormat.quote(s) + " for " + t.name() + " field " + where(path));
                    }
            }
        }
        throw mismatch(v, t, path);
    }

    private static DecodeException mismatch(JsonNode v, ProtoType t, Path path) {
        return new DecodeException("json: cannot unmarshal " + jsonType(v) + " into field " + where(path) + " of type " + t.name());
    }

    // Go names a JSON null "null" in these decode errors; every other kind as json.UnmarshalTypeError does
    private static String jsonType(JsonNode v) {
        return v.isNull() ? "null" : unmarshalTypeName(v);
    }
}
