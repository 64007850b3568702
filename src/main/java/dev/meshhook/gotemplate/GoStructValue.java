package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A struct value described by a {@link GoStructType}. Unset fields hold their zero value. Immutable once built:
 * templates only read.
 */
public final class GoStructValue implements GoStruct {
    private final GoStructType schema;
    private final Object[] values;

    private GoStructValue(GoStructType schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    /**
     * Builds a value from field values keyed by Go field name; missing fields get their zero value.
     * @throws IllegalArgumentException on an unknown field name
     */
    public static GoStructValue of(GoStructType schema, Map<String, ?> fieldValues) {
        Object[] v = new Object[schema.fields().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = schema.fields().get(i).type().zero();
        }
        for (Map.Entry<String, ?> e : fieldValues.entrySet()) {
            int i = schema.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("type " + schema.type() + " has no field " + e.getKey());
            }
            v[i] = e.getValue();
        }
        return new GoStructValue(schema, v);
    }

    public GoStructType schema() { return schema; }

    /** Field value by Go name. */
    public Object get(String goName) {
        int i = schema.indexOf(goName);
        if (i < 0) {
            throw new IllegalArgumentException("type " + schema.type() + " has no field " + goName);
        }
        return values[i];
    }

    @Override
    public GoType goType() { return schema.type(); }

    @Override
    public Object member(String name) {
        int i = schema.indexOf(name);
        return i < 0 ? NO_MEMBER : values[i];
    }

    @Override
    public JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.length; i++) {
            GoStructType.Field f = schema.fields().get(i);
            if (f.omitEmpty() && GoJson.isEmptyValue(values[i])) {
                continue;
            }
            o.set(f.effectiveJsonName(), GoJson.toJsonNode(values[i]));
        }
        return o;
    }

    @Override
    public String toString() { return schema.type() + java.util.Arrays.toString(values); }
}
