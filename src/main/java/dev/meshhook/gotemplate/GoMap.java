package dev.meshhook.gotemplate;

import java.util.Map;

/**
 * A Go map of a declared type other than {@code map[string]interface {}} (for which a plain Java {@link Map} is
 * used), e.g. {@code map[string]string}. {@code map == null} is the typed nil map (empty, but {@code eq .M nil}
 * is true). Keys are value-model objects of the key type (String, Long, GoInt, ...). Indexing a missing key
 * yields the element type's zero value; field syntax {@code .M.key} on a missing key yields "no value".
 */
public final class GoMap {
    private final GoType type;
    private final Map<Object, Object> map;

    @SuppressWarnings("unchecked")
    public GoMap(GoType type, Map<?, ?> map) {
        if (type.kind() != GoType.Kind.MAP) {
            throw new IllegalArgumentException("not a map type: " + type);
        }
        this.type = type;
        this.map = (Map<Object, Object>) map;
    }

    /** A {@code map[string]string}; null gives the nil map. */
    public static GoMap ofStrings(Map<String, String> m) { return new GoMap(GoType.MAP_STRING_STRING, m); }

    public GoType type() { return type; }
    /** The entries, or null for a nil map. */
    public Map<Object, Object> map() { return map; }
    public boolean isNil() { return map == null; }
    public int size() { return map == null ? 0 : map.size(); }

    @Override
    public String toString() { return type + String.valueOf(map); }
}
