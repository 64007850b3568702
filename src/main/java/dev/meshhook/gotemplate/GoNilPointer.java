package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;

/**
 * A typed nil pointer such as a nil {@code *wrapperspb.BoolValue} or {@code *meshconfig.Tracing}: falsy, prints
 * {@code <nil>}, JSON {@code null}, and answers only its nil-safe getters (protobuf {@code GetX} methods return the
 * zero value on a nil receiver). Field access reports Go's {@code nil pointer evaluating *T.Field}.
 *
 * <pre>
 * new GoNilPointer(GoType.pointerTo(GoType.struct("wrapperspb.BoolValue")), Map.of("GetValue", false))
 * </pre>
 */
public final class GoNilPointer implements GoStruct {
    private final GoType type;
    private final Map<String, Object> getters;

    /**
     * @param pointerType the pointer type, e.g. {@code GoType.pointerTo(GoType.struct("v1alpha1.Tracing"))}
     * @param nilSafeGetters method name → the value it returns on a nil receiver (value model; may hold other nil
     *                       pointers for chained getters)
     */
    public GoNilPointer(GoType pointerType, Map<String, Object> nilSafeGetters) {
        if (pointerType.kind() != GoType.Kind.POINTER) {
            throw new IllegalArgumentException("not a pointer type: " + pointerType);
        }
        this.type = pointerType;
        this.getters = Map.copyOf(nilSafeGetters);
    }

    @Override
    public GoType goType() { return type; }

    @Override
    public boolean isNilPointer() { return true; }

    @Override
    public Object member(String name) {
        Object v = getters.get(name);
        return v != null ? v : NO_MEMBER;
    }

    @Override
    public JsonNode toJson() { return NullNode.getInstance(); }

    @Override
    public String toString() { return "(" + type + ")(nil)"; }
}
