package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions and reflection-like queries over the value model (see package documentation).
 */
public final class GoValues {
    private GoValues() {}

    /** Go's invalid reflect.Value: what a missing map key evaluates to. Never part of caller data. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() { return "<no value>"; }
    };

    /**
     * Converts JSON to the value model the way Go's encoding/json decodes into {@code interface{}}: objects become
     * {@code map[string]interface {}} (LinkedHashMap), arrays {@code []interface {}} (ArrayList), every number a
     * float64 (Double), null a nil interface (Java null). This is what Istio's {@code .Values} is.
     */
    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), fromJson(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                l.add(fromJson(c));
            }
            return l;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }

    /** The Go type of a value-model object; null for a nil interface. */
    public static GoType typeOf(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return GoType.STRING;
        }
        if (v instanceof Long) {
            return GoType.INT;
        }
        if (v instanceof Double) {
            return GoType.FLOAT64;
        }
        if (v instanceof Boolean) {
            return GoType.BOOL;
        }
        if (v instanceof Map) {
            return GoType.MAP_STRING_ANY;
        }
        if (v instanceof List) {
            return GoType.SLICE_ANY;
        }
        if (v instanceof Integer) {
            return GoType.INT32;
        }
        if (v instanceof GoInt) {
            return ((GoInt) v).type();
        }
        if (v instanceof GoMap) {
            return ((GoMap) v).type();
        }
        if (v instanceof GoSlice) {
            return ((GoSlice) v).type();
        }
        if (v instanceof GoStruct) {
            return ((GoStruct) v).goType();
        }
        if (v instanceof Short) {
            return GoType.INT16;
        }
        if (v instanceof Byte) {
            return GoType.INT8;
        }
        if (v instanceof Float) {
            return GoType.FLOAT32;
        }
        if (v instanceof GoComplex) {
            return GoType.COMPLEX128;
        }
        if (v instanceof Function || v instanceof GoMethod) {
            return GoType.FUNC;
        }
        throw new IllegalArgumentException("unsupported Java value in template data: " + v.getClass().getName());
    }

    static String typeName(Object v) {
        GoType t = typeOf(v);
        return t == null ? "<nil>" : t.name();
    }

    static boolean isSignedInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || (v instanceof GoInt && !((GoInt) v).isUnsigned());
    }

    static boolean isUnsignedInt(Object v) { return v instanceof GoInt && ((GoInt) v).isUnsigned(); }

    static boolean isInteger(Object v) { return isSignedInt(v) || isUnsignedInt(v); }

    /** Integer bits (signed value, or unsigned bit pattern). */
    static long intBits(Object v) {
        if (v instanceof GoInt) {
            return ((GoInt) v).bits();
        }
        return ((Number) v).longValue();
    }

    static boolean isFloat(Object v) { return v instanceof Double || v instanceof Float; }

    /** Go's isTrue: (truth, ok). Returns null when the value has no truth (not ok). */
    static Boolean truth(Object v) {
        if (v == MISSING || v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (isInteger(v)) {
            return intBits(v) != 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        if (v instanceof GoMap) {
            return ((GoMap) v).size() > 0;
        }
        if (v instanceof GoSlice) {
            return ((GoSlice) v).size() > 0;
        }
        if (v instanceof GoStruct) {
            return !((GoStruct) v).isNilPointer();
        }
        if (v instanceof GoComplex) {
            return ((GoComplex) v).re() != 0 || ((GoComplex) v).im() != 0;
        }
        if (v instanceof Function || v instanceof GoMethod) {
            return true;
        }
        return null;
    }

    /** Truthiness as Go's template builtins and sprig's empty see it (missing/nil are false). */
    static boolean isTrue(Object v) {
        Boolean b = truth(v);
        return b != null && b;
    }

    /** Elements of a slice-like value, or null when not a slice (nil slices give an empty list). */
    static List<Object> listOf(Object v) {
        if (v instanceof List) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) v;
            return l;
        }
        if (v instanceof GoSlice) {
            List<Object> l = ((GoSlice) v).list();
            return l == null ? List.of() : l;
        }
        return null;
    }

    /** Entries of a map-like value, or null when not a map (nil maps give an empty map). */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> mapOf(Object v) {
        if (v instanceof Map) {
            return (Map<Object, Object>) v;
        }
        if (v instanceof GoMap) {
            Map<Object, Object> m = ((GoMap) v).map();
            return m == null ? Map.of() : m;
        }
        return null;
    }

    /** Element type of a slice or map value. */
    static GoType elemType(Object v) {
        GoType t = typeOf(v);
        return t == null ? null : t.elem();
    }

    /** Converts a long to a value of an integer type (wrapping like a Go conversion). */
    static Object makeInt(GoType t, long v) {
        if (t == GoType.INT) {
            return v;
        }
        if (t == GoType.INT32) {
            return (int) v;
        }
        if (t == GoType.INT16) {
            return (short) v;
        }
        if (t == GoType.INT8) {
            return (byte) v;
        }
        return new GoInt(t, v);
    }
}
