package dev.meshhook.inject.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Go type of the k8s core/v1 API as far as JSON decoding, JSON encoding and strategic-merge metadata are
 * concerned. Struct fields are kept in Go declaration order because that is the order {@code encoding/json}
 * writes them in (it shows inside annotation/env JSON values, inject-spec l.4).
 */
public final class GoType {

    /** What a Go value of this type looks like in JSON. */
    public enum Kind { STRING, BOOL, INT32, INT64, QUANTITY, INT_OR_STRING, TIME, STRUCT, LIST, MAP, RAW }

    /** One struct field: JSON name, type, tags. */
    public record Field(String name, GoType type, boolean omitEmpty, boolean pointer, String patchStrategy,
                        String mergeKey, int index) {
    }

    private final Kind kind;
    private final String goName;
    private GoType elem;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final Map<String, Field> byFoldedName;
    private final String shortName;

    private GoType(Kind kind, String goName, GoType elem) {
        this.kind = kind;
        this.goName = goName;
        int dot = goName.lastIndexOf('.');
        this.shortName = dot >= 0 ? goName.substring(dot + 1) : goName;
        this.elem = elem;
        this.fields = kind == Kind.STRUCT ? new ArrayList<>() : Collections.emptyList();
        this.byName = kind == Kind.STRUCT ? new HashMap<>() : Collections.emptyMap();
        this.byFoldedName = kind == Kind.STRUCT ? new HashMap<>() : Collections.emptyMap();
    }

    public static GoType scalar(Kind kind, String goName) {
        return new GoType(kind, goName, null);
    }

    public static GoType struct(String goName) {
        return new GoType(Kind.STRUCT, goName, null);
    }

    public static GoType list(GoType elem) {
        return new GoType(Kind.LIST, "[]" + elem.goName, elem);
    }

    public static GoType map(GoType elem) {
        return new GoType(Kind.MAP, "map[string]" + elem.goName, elem);
    }

    /** Adds a field; the flags string holds {@code o} (omitempty), {@code p} (pointer). */
    public GoType field(String name, GoType type, String flags) {
        return field(name, type, flags, null, null);
    }

    public GoType field(String name, GoType type, String flags, String patchStrategy, String mergeKey) {
        Field f = new Field(name, type, flags.indexOf('o') >= 0, flags.indexOf('p') >= 0, patchStrategy, mergeKey,
                fields.size());
        fields.add(f);
        byName.put(name, f);
        byFoldedName.putIfAbsent(name.toLowerCase(Locale.ROOT), f);
        return this;
    }

    /** Copies all fields of {@code other} (Go struct embedding with {@code json:",inline"}). */
    public GoType inline(GoType other) {
        for (Field f : other.fields) {
            field(f.name(), f.type(), (f.omitEmpty() ? "o" : "") + (f.pointer() ? "p" : ""), f.patchStrategy(),
                    f.mergeKey());
        }
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The Go type name as {@code reflect.Type.String()} prints it, e.g. {@code v1.Container}. */
    public String goName() {
        return goName;
    }

    public GoType elem() {
        return elem;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Exact-name lookup, as strategic merge does it. */
    public Field fieldExact(String jsonName) {
        return byName.get(jsonName);
    }

    /** Go {@code encoding/json} lookup: exact name first, else case-insensitive. */
    public Field fieldForDecode(String jsonKey) {
        Field f = byName.get(jsonKey);
        return f != null ? f : byFoldedName.get(jsonKey.toLowerCase(Locale.ROOT));
    }

    /** Short struct name ({@code reflect.Type.Name()}), used in Go error texts. */
    public String shortName() {
        return shortName;
    }
}
