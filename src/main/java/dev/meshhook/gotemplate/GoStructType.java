package dev.meshhook.gotemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a Go struct type for {@link GoStructValue}: fields in declaration order with their Go type and
 * encoding/json tag. Build once (e.g. as a constant) and share; instances are immutable.
 */
public final class GoStructType {

    /** One exported field. {@code jsonName} null means the JSON name is the Go name. */
    public record Field(String goName, GoType type, String jsonName, boolean omitEmpty) {
        public String effectiveJsonName() { return jsonName != null ? jsonName : goName; }
    }

    private final GoType type;
    private final List<Field> fields;
    private final Map<String, Integer> index;

    private GoStructType(GoType type, List<Field> fields) {
        this.type = type;
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            idx.put(fields.get(i).goName(), i);
        }
        this.index = idx;
    }

    public static Builder builder(String goTypeName) { return new Builder(goTypeName); }

    public GoType type() { return type; }
    public List<Field> fields() { return fields; }
    /** Field position, or -1. */
    public int indexOf(String goName) {
        Integer i = index.get(goName);
        return i == null ? -1 : i;
    }

    /** Builder; {@link #field} takes a Go type spelling understood by {@link GoType#parse(String)}. */
    public static final class Builder {
        private final String name;
        private final List<Field> fields = new ArrayList<>();

        private Builder(String name) { this.name = name; }

        public Builder field(String goName, GoType type, String jsonName, boolean omitEmpty) {
            fields.add(new Field(goName, type, jsonName, omitEmpty));
            return this;
        }

        public Builder field(String goName, String goType, String jsonName, boolean omitEmpty) {
            return field(goName, GoType.parse(goType), jsonName, omitEmpty);
        }

        public GoStructType build() { return new GoStructType(GoType.struct(name), fields); }
    }
}
