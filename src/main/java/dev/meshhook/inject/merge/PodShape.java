package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.meshhook.inject.merge.GoType.Field;
import dev.meshhook.inject.merge.GoType.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * The Go round trip of a k8s object: decode JSON into the typed struct the way {@code encoding/json} does
 * (unknown keys dropped, case-insensitive key matching, {@code null} = zero value, quantities parsed,
 * int-or-string kept) and encode it again (struct field order, {@code omitempty}, sorted map keys, canonical
 * quantities). The result is the "Go-JSON" shape every injection stage works on (inject-spec e.1, j.11).
 */
public final class PodShape {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PodShape() {
    }

    /** Go round trip of a whole Pod. A null/missing input gives the zero Pod. */
    public static ObjectNode pod(JsonNode json) throws GoDecodeException {
        return (ObjectNode) roundTrip(PodSchema.POD, json);
    }

    /** Go round trip of one Container (as used inside {@code proxy.istio.io/overrides}). */
    public static ObjectNode container(JsonNode json) throws GoDecodeException {
        return (ObjectNode) roundTrip(PodSchema.CONTAINER, json);
    }

    /** Go round trip of any value of the given type; structs come back as objects even when zero. */
    public static JsonNode roundTrip(GoType type, JsonNode json) throws GoDecodeException {
        Decoder d = new Decoder();
        JsonNode v = d.decode(type, json);
        return v == null ? zero(type, false) : v;
    }

    /** The JSON of a Go zero value of a field that is written even though it is zero. */
    private static JsonNode zero(GoType t, boolean pointer) {
        if (pointer) {
            return F.nullNode();
        }
        return switch (t.kind()) {
            case STRING -> TextNode.valueOf("");
            case BOOL -> F.booleanNode(false);
            case INT32, INT64 -> F.numberNode(0);
            case QUANTITY -> TextNode.valueOf("0");
            case INT_OR_STRING -> F.numberNode(0);
            case STRUCT -> encodeStruct(t, new JsonNode[t.fields().size()]);
            default -> F.nullNode();
        };
    }

    /** Whether Go's omitempty would drop this (non-pointer) value. */
    private static boolean isEmpty(GoType t, JsonNode v) {
        if (v == null || v.isNull()) {
            return true;
        }
        return switch (t.kind()) {
            case STRING, TIME -> v.isTextual() && v.textValue().isEmpty();
            case BOOL -> !v.booleanValue();
            case INT32, INT64 -> v.asLong() == 0;
            case LIST, MAP -> v.isEmpty();
            default -> false;
        };
    }

    private static ObjectNode encodeStruct(GoType t, JsonNode[] values) {
        // sized for the fields that are set, so wide structs (Container, PodSpec) never rehash
        ObjectNode out = new ObjectNode(F, new LinkedHashMap<>(Math.max(4, (int) (t.fields().size() * 1.34f) + 1)));
        for (Field f : t.fields()) {
            JsonNode v = values[f.index()];
            if (f.pointer() || f.type().kind() == Kind.RAW || f.type().kind() == Kind.TIME) {
                if (v == null || v instanceof NullNode) {
                    if (!f.omitEmpty()) {
                        out.set(f.name(), F.nullNode());
                    }
                    continue;
                }
                if (f.type().kind() == Kind.TIME && f.omitEmpty() && isEmpty(f.type(), v)) {
                    continue;
                }
                out.set(f.name(), v);
                continue;
            }
            if (f.type().kind() == Kind.STRUCT || f.type().kind() == Kind.QUANTITY
                    || f.type().kind() == Kind.INT_OR_STRING) {
                // Go's omitempty never drops a struct value (Quantity and IntOrString are structs too).
                out.set(f.name(), v != null ? v : zero(f.type(), false));
                continue;
            }
            if (f.omitEmpty()) {
                if (!isEmpty(f.type(), v)) {
                    out.set(f.name(), v);
                }
            } else {
                out.set(f.name(), v != null ? v : zero(f.type(), false));
            }
        }
        return out;
    }

    private static final class Decoder {
        private final Deque<String> path = new ArrayDeque<>();
        private String struct = "";

        /** Returns the decoded value, or null for a Go nil / zero value. */
        JsonNode decode(GoType t, JsonNode v) throws GoDecodeException {
            if (v == null || v.isMissingNode()) {
                return null;
            }
            switch (t.kind()) {
                case RAW:
                    // Opaque subtrees (managedFields, status internals) are shared, not copied: they can be large
                    // and no stage modifies them in place.
                    return v.isNull() ? null : v;
                case STRUCT:
                    return decodeStruct(t, v);
                case LIST:
                    return decodeList(t, v);
                case MAP:
                    return decodeMap(t, v);
                case QUANTITY:
                    return decodeQuantity(v);
                case INT_OR_STRING:
                    return decodeIntOrString(v);
                case TIME:
                    return decodeTime(v);
                default:
                    return decodeScalar(t, v);
            }
        }

        private JsonNode decodeStruct(GoType t, JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw typeError(unmarshalTypeName(v), t.goName());
            }
            JsonNode[] values = new JsonNode[t.fields().size()];
            String saved = struct;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Field f = t.fieldForDecode(e.getKey());
                if (f == null) {
                    continue;
                }
                JsonNode raw = e.getValue();
                if (raw instanceof NullNode) {
                    Kind k = f.type().kind();
                    if (f.pointer() || k == Kind.LIST || k == Kind.MAP || k == Kind.RAW || k == Kind.TIME) {
                        values[f.index()] = null;
                    } else if (k == Kind.QUANTITY) {
                        values[f.index()] = TextNode.valueOf("0");
                    } else if (k == Kind.INT_OR_STRING) {
                        values[f.index()] = F.numberNode(0);
                    }
                    // null into any other value field leaves it untouched (Go semantics)
                    continue;
                }
                struct = t.shortName();
                path.addLast(f.name());
                JsonNode dv = decode(f.type(), raw);
                path.removeLast();
                struct = saved;
                values[f.index()] = dv;
            }
            return encodeStruct(t, values);
        }

        private JsonNode decodeList(GoType t, JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return null;
            }
            if (!v.isArray()) {
                throw typeError(unmarshalTypeName(v), t.goName());
            }
            ArrayNode out = F.arrayNode(v.size());
            GoType et = t.elem();
            for (JsonNode item : v) {
                JsonNode dv = decode(et, item);
                out.add(dv != null ? dv : zero(et, false));
            }
            return out;
        }

        private JsonNode decodeMap(GoType t, JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw typeError(unmarshalTypeName(v), t.goName());
            }
            List<String> keys = new ArrayList<>(v.size());
            v.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            ObjectNode out = F.objectNode();
            for (String k : keys) {
                JsonNode dv = decode(t.elem(), v.get(k));
                out.set(k, dv != null ? dv : zero(t.elem(), false));
            }
            return out;
        }

        private JsonNode decodeScalar(GoType t, JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return null;
            }
            switch (t.kind()) {
                case STRING:
                    if (!v.isTextual()) {
                        throw typeError(unmarshalTypeName(v), t.goName());
                    }
                    return v;
                case BOOL:
                    if (!v.isBoolean()) {
                        throw typeError(unmarshalTypeName(v), t.goName());
                    }
                    return v;
                default:
                    if (!v.isNumber()) {
                        throw typeError(unmarshalTypeName(v), t.goName());
                    }
                    BigInteger i = integral(v);
                    boolean is32 = t.kind() == Kind.INT32;
                    if (i == null || i.compareTo(is32 ? INT32_MIN : INT64_MIN) < 0
                            || i.compareTo(is32 ? INT32_MAX : INT64_MAX) > 0) {
                        throw typeError("number " + GoJson.number(v), t.goName());
                    }
                    return is32 ? F.numberNode(i.intValue()) : F.numberNode(i.longValue());
            }
        }

        private JsonNode decodeQuantity(JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return TextNode.valueOf("0");
            }
            String text;
            if (v.isTextual()) {
                text = v.textValue();
            } else if (v.isNumber()) {
                text = GoJson.number(v);
            } else {
                throw new GoDecodeException(Quantity.ERR_FORMAT);
            }
            try {
                return TextNode.valueOf(Quantity.canonical(text));
            } catch (Quantity.QuantityException e) {
                throw new GoDecodeException(e.getMessage());
            }
        }

        private JsonNode decodeIntOrString(JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return F.numberNode(0);
            }
            if (v.isTextual()) {
                return v;
            }
            if (v.isNumber()) {
                BigInteger i = integral(v);
                if (i == null || i.compareTo(INT32_MIN) < 0 || i.compareTo(INT32_MAX) > 0) {
                    throw new GoDecodeException("json: cannot unmarshal number " + GoJson.number(v)
                            + " into Go value of type int32");
                }
                return F.numberNode(i.intValue());
            }
            throw new GoDecodeException("json: cannot unmarshal " + unmarshalTypeName(v) + " into Go value of type int32");
        }

        private JsonNode decodeTime(JsonNode v) throws GoDecodeException {
            if (v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new GoDecodeException("invalid character '" + GoJson.write(v).charAt(0)
                        + "' looking for beginning of value");
            }
            String s = v.textValue();
            if (s.isEmpty()) {
                return null;
            }
            try {
                OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return TextNode.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).format(RFC3339));
            } catch (DateTimeParseException e) {
                throw new GoDecodeException("parsing time " + GoJson.quote(s)
                        + " as \"2006-01-02T15:04:05Z07:00\": cannot parse " + GoJson.quote(s) + " as \"2006\"");
            }
        }

        private GoDecodeException typeError(String value, String goType) {
            if (path.isEmpty()) {
                return new GoDecodeException("json: cannot unmarshal " + value + " into Go value of type " + goType);
            }
            return new GoDecodeException("json: cannot unmarshal " + value + " into Go struct field " + struct + "."
                    + String.join(".", path) + " of type " + goType);
        }
    }

    private static BigInteger integral(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        BigDecimal d = v.decimalValue();
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

}
