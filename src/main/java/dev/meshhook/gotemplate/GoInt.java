package dev.meshhook.gotemplate;

/**
 * A Go integer of a sized or unsigned type that has no natural Java box ({@code int64}, {@code uint*},
 * {@code uintptr}, named int types such as enums). {@code bits} holds the two's-complement value; unsigned
 * types read it as unsigned. Plain {@code int} is a Java {@link Long}, {@code int32} an {@link Integer},
 * {@code int16} a {@link Short}, {@code int8} a {@link Byte}.
 */
public final class GoInt {
    private final GoType type;
    private final long bits;

    public GoInt(GoType type, long bits) {
        if (!type.kind().isSignedInt() && !type.kind().isUnsignedInt()) {
            throw new IllegalArgumentException("not an integer type: " + type);
        }
        this.type = type;
        this.bits = truncate(type.kind(), bits);
    }

    /** Wraps a value to the width of the kind, as a Go conversion does. */
    static long truncate(GoType.Kind k, long v) {
        switch (k) {
            case INT8: return (byte) v;
            case INT16: return (short) v;
            case INT32: return (int) v;
            case UINT8: return v & 0xFFL;
            case UINT16: return v & 0xFFFFL;
            case UINT32: return v & 0xFFFFFFFFL;
            default: return v;
        }
    }

    public GoType type() { return type; }
    public long bits() { return bits; }
    public boolean isUnsigned() { return type.kind().isUnsignedInt(); }

    /** Enum name for enum types ({@code String()} method), else null. */
    public String enumName() {
        java.util.Map<Long, String> names = type.enumNames();
        if (names == null) {
            return null;
        }
        String n = names.get(bits);
        return n != null ? n : Long.toString(bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoInt && ((GoInt) o).type == type && ((GoInt) o).bits == bits;
    }

    @Override
    public int hashCode() { return Long.hashCode(bits) * 31 + type.hashCode(); }

    @Override
    public String toString() { return isUnsigned() ? Long.toUnsignedString(bits) : Long.toString(bits); }
}
