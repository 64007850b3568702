package dev.meshhook.gotemplate;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Go type as far as the template engine needs it: its kind (drives truthiness, comparison, printing and
 * argument conversion) and its Go spelling (used in error texts and {@code %T}). Instances are interned by name.
 */
public final class GoType {

    /** Go reflect kinds the engine distinguishes. */
    public enum Kind {
        BOOL, INT, INT8, INT16, INT32, INT64, UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR,
        FLOAT32, FLOAT64, COMPLEX128, STRING, INTERFACE, MAP, SLICE, STRUCT, POINTER, FUNC,
        /** Go's reflect.Value parameter type of builtins: the argument is passed as is, even when missing. */
        REFLECT_VALUE;

        boolean isSignedInt() { return this == INT || this == INT8 || this == INT16 || this == INT32 || this == INT64; }
        boolean isUnsignedInt() {
            return this == UINT || this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64 || this == UINTPTR;
        }
        boolean isFloat() { return this == FLOAT32 || this == FLOAT64; }
        boolean canBeNil() { return this == MAP || this == SLICE || this == POINTER || this == INTERFACE || this == FUNC; }
    }

    private static final ConcurrentHashMap<String, GoType> INTERNED = new ConcurrentHashMap<>();

    public static final GoType BOOL = basic("bool", Kind.BOOL);
    public static final GoType INT = basic("int", Kind.INT);
    public static final GoType INT8 = basic("int8", Kind.INT8);
    public static final GoType INT16 = basic("int16", Kind.INT16);
    public static final GoType INT32 = basic("int32", Kind.INT32);
    public static final GoType INT64 = basic("int64", Kind.INT64);
    public static final GoType UINT = basic("uint", Kind.UINT);
    public static final GoType UINT8 = basic("uint8", Kind.UINT8);
    public static final GoType UINT16 = basic("uint16", Kind.UINT16);
    public static final GoType UINT32 = basic("uint32", Kind.UINT32);
    public static final GoType UINT64 = basic("uint64", Kind.UINT64);
    public static final GoType UINTPTR = basic("uintptr", Kind.UINTPTR);
    public static final GoType FLOAT32 = basic("float32", Kind.FLOAT32);
    public static final GoType FLOAT64 = basic("float64", Kind.FLOAT64);
    public static final GoType COMPLEX128 = basic("complex128", Kind.COMPLEX128);
    public static final GoType STRING = basic("string", Kind.STRING);
    /** {@code interface {}} a.k.a. {@code any}. */
    public static final GoType ANY = basic("interface {}", Kind.INTERFACE);
    public static final GoType REFLECT_VALUE = basic("reflect.Value", Kind.REFLECT_VALUE);
    public static final GoType FUNC = basic("func", Kind.FUNC);
    /** {@code map[string]interface {}}: what plain Java maps are. */
    public static final GoType MAP_STRING_ANY = mapOf(STRING, ANY);
    /** {@code map[string]string}: Kubernetes labels/annotations. */
    public static final GoType MAP_STRING_STRING = mapOf(STRING, STRING);
    /** {@code []interface {}}: what plain Java lists are. */
    public static final GoType SLICE_ANY = sliceOf(ANY);
    public static final GoType SLICE_STRING = sliceOf(STRING);

    private final String name;
    private final Kind kind;
    private final GoType key;
    private final GoType elem;
    private final java.util.Map<Long, String> enumNames;

    private GoType(String name, Kind kind, GoType key, GoType elem) {
        this(name, kind, key, elem, null);
    }

    private GoType(String name, Kind kind, GoType key, GoType elem, java.util.Map<Long, String> enumNames) {
        this.name = name;
        this.kind = kind;
        this.key = key;
        this.elem = elem;
        this.enumNames = enumNames;
    }

    /**
     * A protobuf-style enum: a named int32 type whose {@code String} method returns the constant's name
     * (or the decimal number for unknown values). Values are {@link GoInt}s of this type.
     */
    public static GoType enumType(String name, java.util.Map<Long, String> names) {
        GoType t = INTERNED.computeIfAbsent(name, x -> new GoType(x, Kind.INT32, null, null, java.util.Map.copyOf(names)));
        if (t.enumNames == null) {
            throw new IllegalArgumentException("type name already used for a non-enum type: " + name);
        }
        return t;
    }

    /** Enum constant names, or null when this is not an enum type. */
    public java.util.Map<Long, String> enumNames() { return enumNames; }

    private static GoType basic(String name, Kind kind) {
        return INTERNED.computeIfAbsent(name, n -> new GoType(n, kind, null, null));
    }

    public static GoType mapOf(GoType key, GoType elem) {
        String n = "map[" + key.name + "]" + elem.name;
        return INTERNED.computeIfAbsent(n, x -> new GoType(x, Kind.MAP, key, elem));
    }

    public static GoType sliceOf(GoType elem) {
        String n = "[]" + elem.name;
        return INTERNED.computeIfAbsent(n, x -> new GoType(x, Kind.SLICE, null, elem));
    }

    public static GoType pointerTo(GoType elem) {
        String n = "*" + elem.name;
        return INTERNED.computeIfAbsent(n, x -> new GoType(x, Kind.POINTER, null, elem));
    }

    /** A named struct type such as {@code v1.ObjectMeta}. */
    public static GoType struct(String name) {
        GoType t = INTERNED.computeIfAbsent(name, x -> new GoType(x, Kind.STRUCT, null, null));
        if (t.kind != Kind.STRUCT) {
            throw new IllegalArgumentException("type name already used for a non-struct type: " + name);
        }
        return t;
    }

    /** A named type with a basic underlying kind, e.g. an enum {@code v1alpha1.ProxyConfig_InboundInterceptionMode} (INT32). */
    public static GoType named(String name, Kind kind) {
        GoType t = INTERNED.computeIfAbsent(name, x -> new GoType(x, kind, null, null));
        if (t.kind != kind) {
            throw new IllegalArgumentException("type name already used with another kind: " + name);
        }
        return t;
    }

    /**
     * Parses the type grammar of the conformance data encoding and of function signatures:
     * basic names, {@code any}, {@code []T}, {@code map[K]T}, {@code *T}; anything else must be a struct name
     * that was already registered with {@link #struct(String)}.
     */
    public static GoType parse(String s) {
        Objects.requireNonNull(s);
        if (s.equals("any") || s.equals("interface {}") || s.equals("interface{}")) {
            return ANY;
        }
        if (s.startsWith("[]")) {
            return sliceOf(parse(s.substring(2)));
        }
        if (s.startsWith("*")) {
            return pointerTo(parse(s.substring(1)));
        }
        if (s.startsWith("map[")) {
            int depth = 0;
            for (int i = 3; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    return mapOf(parse(s.substring(4, i)), parse(s.substring(i + 1)));
                }
            }
            throw new IllegalArgumentException("bad map type: " + s);
        }
        GoType t = INTERNED.get(s);
        if (t == null) {
            throw new IllegalArgumentException("unknown Go type: " + s);
        }
        return t;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    /** Map key type, or null. */
    public GoType key() { return key; }
    /** Map/slice element or pointer target type, or null. */
    public GoType elem() { return elem; }

    /** The zero value of this type in the value model (see package documentation). */
    public Object zero() {
        switch (kind) {
            case BOOL: return Boolean.FALSE;
            case INT: return 0L;
            case INT32: return this == INT32 ? (Object) 0 : new GoInt(this, 0);
            case INT16: return this == INT16 ? (Object) (short) 0 : new GoInt(this, 0);
            case INT8: return this == INT8 ? (Object) (byte) 0 : new GoInt(this, 0);
            case FLOAT64: return 0.0d;
            case FLOAT32: return 0.0f;
            case STRING: return "";
            case MAP: return new GoMap(this, null);
            case SLICE: return new GoSlice(this, null);
            case INTERFACE: case POINTER: case FUNC: return null;
            case COMPLEX128: return new GoComplex(0, 0);
            default:
                if (kind.isSignedInt() || kind.isUnsignedInt()) {
                    return new GoInt(this, 0);
                }
                throw new IllegalStateException("no zero value for " + name);
        }
    }

    @Override
    public String toString() { return name; }
}
