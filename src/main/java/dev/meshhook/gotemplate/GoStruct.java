package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Go struct value (or pointer to struct) exposed to templates. Implement it for Kubernetes and mesh-config
 * objects; {@link GoStructValue} is a ready-made schema-driven implementation.
 *
 * <p>Template field syntax {@code .Name} calls {@link #member(String)}: return the field's value, or for a
 * niladic method (e.g. protobuf getters {@code GetTracing}, {@code GetValue}, enum {@code String}) the result of
 * calling it; return a {@link GoMethod} for a method that takes arguments; return {@link #NO_MEMBER} when the type
 * has neither. A nil pointer ({@link #isNilPointer()}) must still answer its nil-safe getters; returning
 * {@link #NO_MEMBER} for a field of a nil pointer makes the engine report Go's
 * {@code nil pointer evaluating *T.Field}.
 */
public interface GoStruct {

    /** Returned by {@link #member(String)} when the struct has no such exported field or method. */
    Object NO_MEMBER = new Object() {
        @Override
        public String toString() { return "<no member>"; }
    };

    /** The Go type, e.g. {@code v1.ObjectMeta} (kind STRUCT) or {@code *v1alpha1.Tracing} (kind POINTER). */
    GoType goType();

    /**
     * Field value or niladic-method result (value model), a {@link GoMethod}, or {@link #NO_MEMBER}. Return Java
     * null only for a nil value of an interface-typed field ({@code any}); a nil pointer field must be a
     * {@link GoNilPointer} (or another GoStruct with {@link #isNilPointer()}) so that its nil-safe getters work.
     */
    Object member(String name);

    /** True for a typed nil pointer: it is falsy, prints {@code <nil>}, and JSON-encodes as {@code null}. */
    default boolean isNilPointer() { return false; }

    /**
     * The value's Go encoding/json form: an object with fields in Go declaration order and omitempty applied
     * (used by toJSON, structToJSON, toYaml, printing through JSON). Nil pointers return a NullNode.
     */
    JsonNode toJson();
}
