package dev.meshhook.gotemplate;

import java.util.List;

/**
 * A Go slice of a declared element type other than {@code interface {}} (for which a plain Java {@link List} is
 * used), e.g. {@code []int} or {@code []v1.Container}. {@code list == null} is the typed nil slice.
 */
public final class GoSlice {
    private final GoType type;
    private final List<Object> list;

    @SuppressWarnings("unchecked")
    public GoSlice(GoType type, List<?> list) {
        if (type.kind() != GoType.Kind.SLICE) {
            throw new IllegalArgumentException("not a slice type: " + type);
        }
        this.type = type;
        this.list = (List<Object>) list;
    }

    public GoType type() { return type; }
    /** The elements, or null for a nil slice. */
    public List<Object> list() { return list; }
    public boolean isNil() { return list == null; }
    public int size() { return list == null ? 0 : list.size(); }

    @Override
    public String toString() { return type + String.valueOf(list); }
}
