package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.meshhook.gotemplate.GoInt;
import dev.meshhook.gotemplate.GoMap;
import dev.meshhook.gotemplate.GoProtoMessage;
import dev.meshhook.gotemplate.GoSlice;
import dev.meshhook.gotemplate.GoStruct;
import dev.meshhook.gotemplate.GoType;
import dev.meshhook.gotemplate.GoValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A protobuf message pointer ({@code *meshconfig.ProxyConfig}, {@code *meshconfig.MeshConfig} and their nested
 * messages) as templates see it: Go field names ({@code .InterceptionMode}), nil-safe getters
 * ({@code .GetTracing.GetTlsSettings}), enums with a {@code String} method, wrappers with {@code GetValue}.
 * Backed by protobuf JSON; fields of nested messages are typed from their JSON values.
 */
final class ProtoStruct implements GoProtoMessage {
    static final GoType INTERCEPTION_MODE = GoType.enumType("v1alpha1.ProxyConfig_InboundInterceptionMode",
            Map.of(0L, "REDIRECT", 1L, "TPROXY", 2L, "NONE"));
    static final GoType AUTH_POLICY = GoType.enumType("v1alpha1.AuthenticationPolicy",
            Map.of(0L, "NONE", 1L, "MUTUAL_TLS", 1000L, "INHERIT"));
    static final GoType TRACING_SERVICE_NAME = GoType.enumType("v1alpha1.ProxyConfig_TracingServiceName",
            Map.of(0L, "APP_LABEL_AND_NAMESPACE", 1L, "CANONICAL_NAME_ONLY", 2L, "CANONICAL_NAME_AND_NAMESPACE"));
    private static final GoType PROXY_CONFIG = GoType.pointerTo(GoType.struct("v1alpha1.ProxyConfig"));
    private static final GoType MESH_CONFIG = GoType.pointerTo(GoType.struct("v1alpha1.MeshConfig"));

    private final GoType type;
    private final JsonNode json;
    private final ProxyConfig proxyConfig;
    private final Map<String, Object> memo = new HashMap<>();

    private ProtoStruct(GoType type, JsonNode json, ProxyConfig proxyConfig) {
        this.type = type;
        this.json = json == null ? NullNode.getInstance() : json;
        this.proxyConfig = proxyConfig;
    }

    static ProtoStruct of(ProxyConfig pc) {
        return new ProtoStruct(PROXY_CONFIG, pc.toJson(), pc);
    }

    static ProtoStruct of(MeshConfig mc) {
        return new ProtoStruct(MESH_CONFIG, mc.toJson(), null);
    }

    private static ProtoStruct message(String goName, JsonNode json) {
        return new ProtoStruct(GoType.pointerTo(GoType.struct("v1alpha1." + goName)), json, null);
    }

    /** The ProxyConfig behind this view, when it is one (for protoToJSON). */
    ProxyConfig proxyConfig() {
        return proxyConfig;
    }

    @Override
    public GoType goType() {
        return type;
    }

    @Override
    public boolean isNilPointer() {
        return json.isNull();
    }

    @Override
    public Object member(String name) {
        if (memo.containsKey(name)) return memo.get(name);
        boolean getter = name.startsWith("Get") && name.length() > 3;
        String field = getter ? name.substring(3) : name;
        if (isNilPointer() && !getter) return NO_MEMBER;
        String jsonName = Character.toLowerCase(field.charAt(0)) + field.substring(1);
        if (field.equals("Value") && (type.name().contains("wrapperspb.") || json.isValueNode())) {
            if (type.name().contains("BoolValue")) return json.asBoolean(false);
            if (type.name().contains("Int32Value")) return json.asInt(0);
            return GoValues.fromJson(json);
        }
        Object v = value(field, jsonName, isNilPointer() ? null : json.get(jsonName));
        memo.put(name, v);
        return v;
    }

    private Object value(String field, String jsonName, JsonNode v) {
        boolean absent = v == null || v.isNull();
        if (type == PROXY_CONFIG || type == MESH_CONFIG) {
            switch (jsonName) {
                case "interceptionMode":
                    return enumValue(INTERCEPTION_MODE, absent ? "REDIRECT" : v.asText());
                case "controlPlaneAuthPolicy":
                    return enumValue(AUTH_POLICY, absent ? "NONE" : v.asText());
                case "tracingServiceName":
                    return enumValue(TRACING_SERVICE_NAME, absent ? "APP_LABEL_AND_NAMESPACE" : v.asText());
                case "proxyMetadata", "runtimeValues":
                    return GoMap.ofStrings(absent ? null : Json.stringMap(v));
                case "holdApplicationUntilProxyStarts":
                    return wrapper("wrapperspb.BoolValue", v);
                case "concurrency":
                    return wrapper("wrapperspb.Int32Value", v);
                case "enablePrometheusMerge":
                    return wrapper("wrapperspb.BoolValue", v);
                case "defaultConfig":
                    return absent ? message("ProxyConfig", null) : ProtoStruct.of(proxyConfigOrEmpty(v));
                case "proxyListenPort", "proxyInboundListenPort", "proxyAdminPort", "statNameLength", "statusPort":
                    return absent ? 0 : v.asInt();
                case "drainDuration", "parentShutdownDuration", "terminationDrainDuration", "discoveryRefreshDelay":
                    return duration(v);
                default:
                    break;
            }
        }
        if (absent) return zeroFor(field);
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.asInt();
        if (v.isNumber()) return v.asDouble();
        if (v.isObject()) return message(field, v);
        List<Object> items = new ArrayList<>();
        boolean structs = false;
        for (JsonNode x : v) {
            if (x.isObject()) {
                structs = true;
                items.add(message(singular(field), x));
            } else items.add(GoValues.fromJson(x));
        }
        return new GoSlice(structs ? GoType.sliceOf(GoType.pointerTo(GoType.struct("v1alpha1." + singular(field)))) : GoType.SLICE_STRING, items);
    }

    private static ProxyConfig proxyConfigOrEmpty(JsonNode v) {
        try {
            return ProxyConfig.empty().merge(v);
        } catch (InjectorConfigException e) {
            return ProxyConfig.empty();
        }
    }

    private static String singular(String field) {
        return field.endsWith("s") ? field.substring(0, field.length() - 1) : field;
    }

    /** Unknown absent fields: a nil message pointer, so chained nil-safe getters keep working. */
    private Object zeroFor(String field) {
        return message(field, null);
    }

    private static Object enumValue(GoType t, String name) {
        for (Map.Entry<Long, String> e : t.enumNames().entrySet())
            if (e.getValue().equals(name)) return new GoInt(t, e.getKey());
        return new GoInt(t, 0);
    }

    private static Object wrapper(String goName, JsonNode v) {
        return new ProtoStruct(GoType.pointerTo(GoType.struct(goName)), v == null || v.isNull() ? NullNode.getInstance() : v, null);
    }

    private static Object duration(JsonNode v) {
        return new DurationStruct(v == null || v.isNull() ? null : ProtoDuration.parse(v.asText()));
    }

    @Override
    public JsonNode toJson() {
        return json;
    }

    /** Istio's protoToJSON: ProxyConfig with defaults stripped, other messages as compact JSON. */
    @Override
    public String toProtoJson() {
        if (isNilPointer()) return "{}";
        if (proxyConfig != null) return proxyConfig.toProtoJson();
        try {
            return Json.JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}";
        }
    }

    @Override
    public String toString() {
        return type.name() + json;
    }

    /** {@code *durationpb.Duration}: fields Seconds/Nanos; {@link #duration()} feeds formatDuration. */
    static final class DurationStruct implements GoStruct {
        private static final GoType TYPE = GoType.pointerTo(GoType.struct("durationpb.Duration"));
        private final ProtoDuration d;

        DurationStruct(ProtoDuration d) {
            this.d = d;
        }

        ProtoDuration duration() {
            return d;
        }

        @Override
        public GoType goType() {
            return TYPE;
        }

        @Override
        public boolean isNilPointer() {
            return d == null;
        }

        @Override
        public Object member(String name) {
            return switch (name) {
                case "Seconds", "GetSeconds" -> d == null && name.equals("Seconds") ? NO_MEMBER : new GoInt(GoType.INT64, d == null ? 0 : d.seconds());
                case "Nanos", "GetNanos" -> d == null && name.equals("Nanos") ? NO_MEMBER : (d == null ? 0 : d.nanos());
                case "AsDuration" -> new GoInt(GoType.INT64, d == null ? 0 : d.seconds() * 1_000_000_000L + d.nanos());
                default -> NO_MEMBER;
            };
        }

        @Override
        public JsonNode toJson() {
            return d == null ? NullNode.getInstance() : Json.F.textNode(d.protoJson());
        }
    }
}
