package dev.meshhook.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal description of an Istio protobuf type, enough to decode a spec the way Istio's lenient
 * proto-JSON decoder does (§1.6). Message types are built once, statically, per kind:
 *
 * <pre>{@code
 * static final ProtoType PORT = ProtoType.message("istio.networking.v1alpha3.Port")
 *     .field("number", ProtoType.UINT32).field("protocol", ProtoType.STRING);
 * }</pre>
 *
 * Field names are given in lowerCamelCase (the JSON name); the proto snake_case name is derived.
 */
public final class ProtoType {

    /** The shape of a type. Wrapper types ({@code UInt32Value}, ...) use the scalar they wrap. */
    public enum Kind { STRING, BOOL, INT32, UINT32, INT64, UINT64, DOUBLE, DURATION, BYTES, VALUE, STRUCT, ENUM, MESSAGE, LIST, MAP }

    public static final ProtoType STRING = new ProtoType(Kind.STRING, "string");
    public static final ProtoType BOOL = new ProtoType(Kind.BOOL, "bool");
    public static final ProtoType INT32 = new ProtoType(Kind.INT32, "int32");
    public static final ProtoType UINT32 = new ProtoType(Kind.UINT32, "uint32");
    public static final ProtoType INT64 = new ProtoType(Kind.INT64, "int64");
    public static final ProtoType UINT64 = new ProtoType(Kind.UINT64, "uint64");
    public static final ProtoType DOUBLE = new ProtoType(Kind.DOUBLE, "double");
    /** google.protobuf.Duration, decoded to nanoseconds (a JSON long). */
    public static final ProtoType DURATION = new ProtoType(Kind.DURATION, "google.protobuf.Duration");
    /** bytes, base64 in JSON; kept as the base64 text after checking it decodes. */
    public static final ProtoType BYTES = new ProtoType(Kind.BYTES, "bytes");
    /** google.protobuf.Value: any JSON, kept as is. */
    public static final ProtoType VALUE = new ProtoType(Kind.VALUE, "google.protobuf.Value");
    /** google.protobuf.Struct: any JSON object, kept as is. */
    public static final ProtoType STRUCT = new ProtoType(Kind.STRUCT, "google.protobuf.Struct");

    private final Kind kind;
    private final String name;
    private final List<String> enumValues;
    private final ProtoType element;
    private final boolean numericKeys;
    private final Map<String, ProtoType> fields;
    private final Map<String, ProtoType> fieldsView;
    private final Map<String, String> snakeToJson;

    private ProtoType(Kind kind, String name) {
        this(kind, name, List.of(), null, false);
    }

    private ProtoType(Kind kind, String name, List<String> enumValues, ProtoType element, boolean numericKeys) {
        this.kind = kind;
        this.name = name;
        this.enumValues = enumValues;
        this.element = element;
        this.numericKeys = numericKeys;
        this.fields = kind == Kind.MESSAGE ? new LinkedHashMap<>() : Map.of();
        this.snakeToJson = kind == Kind.MESSAGE ? new LinkedHashMap<>() : Map.of();
        this.fieldsView = Collections.unmodifiableMap(fields);
    }

    /** An enum whose values are numbered 0, 1, 2, ... in the order given. */
    public static ProtoType enumOf(String fullName, String... values) {
        return new ProtoType(Kind.ENUM, fullName, List.of(values), null, false);
    }

    /** A new, empty message type; add fields with {@link #field}. */
    public static ProtoType message(String fullName) {
        return new ProtoType(Kind.MESSAGE, fullName);
    }

    public static ProtoType listOf(ProtoType element) {
        return new ProtoType(Kind.LIST, "repeated " + element.name, List.of(), element, false);
    }

    /** {@code map<string, V>}. */
    public static ProtoType mapOf(ProtoType value) {
        return new ProtoType(Kind.MAP, "map<string," + value.name + ">", List.of(), value, false);
    }

    /** {@code map<uint32, V>}: keys must be numeric strings. */
    public static ProtoType mapUint32Of(ProtoType value) {
        return new ProtoType(Kind.MAP, "map<uint32," + value.name + ">", List.of(), value, true);
    }

    /** Adds a field to a message type (JSON name in lowerCamelCase). Returns this for chaining. */
    public ProtoType field(String jsonName, ProtoType type) {
        if (kind != Kind.MESSAGE) {
            throw new IllegalStateException("fields belong to message types, not " + name);
        }
        fields.put(jsonName, type);
        String snake = toSnake(jsonName);
        if (!snake.equals(jsonName)) {
            snakeToJson.put(snake, jsonName);
        }
        return this;
    }

    /** Adds several fields of the same type. */
    public ProtoType fields(ProtoType type, String... jsonNames) {
        for (String n : jsonNames) {
            field(n, type);
        }
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public List<String> enumValues() {
        return enumValues;
    }

    public ProtoType element() {
        return element;
    }

    public boolean numericKeys() {
        return numericKeys;
    }

    public Map<String, ProtoType> fields() {
        return fieldsView;
    }

    /** The type of the field with this JSON (camelCase) name, or null (one map lookup, for the decoder). */
    ProtoType fieldType(String jsonName) {
        return fields.get(jsonName);
    }

    /** The JSON name for a key given in the proto (snake_case) form, or null. */
    String jsonNameForSnake(String key) {
        return snakeToJson.get(key);
    }

    static String toSnake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
