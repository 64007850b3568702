package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Istio's {@code meshconfig.ProxyConfig} (inject-spec c.4) held as protobuf JSON with canonical lowerCamel keys
 * and normalised values (durations as text, enums by name, wrappers as bare values). Immutable.
 *
 * <p>Layering ({@link #merge}) follows Istio's MergeProxyConfig: a field present in the overlay replaces the
 * field wholesale (no deep merge), {@code null} is ignored, {@code proxyMetadata} is merged by key and
 * {@code proxyHeaders} keeps old sub-fields the overlay leaves unset.
 */
public final class ProxyConfig {
    enum Kind { STRING, INT32, UINT32, BOOL, ENUM, DURATION, INT32_WRAPPER, BOOL_WRAPPER, MESSAGE, STRING_MAP, STRING_LIST }

    record Field(String json, String snake, Kind kind, List<String> enumNames) {}

    /** Fields in proto declaration order: the order protoToJSON prints them in. */
    static final List<Field> FIELDS = List.of(
            f("configPath", Kind.STRING), f("binaryPath", Kind.STRING), f("serviceCluster", Kind.STRING),
            e("tracingServiceName", "APP_LABEL_AND_NAMESPACE", "CANONICAL_NAME_ONLY", "CANONICAL_NAME_AND_NAMESPACE"),
            f("drainDuration", Kind.DURATION), f("parentShutdownDuration", Kind.DURATION),
            f("discoveryAddress", Kind.STRING), f("discoveryRefreshDelay", Kind.DURATION),
            f("zipkinAddress", Kind.STRING), f("statsdUdpAddress", Kind.STRING),
            f("envoyMetricsServiceAddress", Kind.STRING), f("proxyAdminPort", Kind.INT32),
            f("availabilityZone", Kind.STRING), e("controlPlaneAuthPolicy", "NONE", "MUTUAL_TLS"),
            f("customConfigFile", Kind.STRING), f("statNameLength", Kind.INT32),
            f("concurrency", Kind.INT32_WRAPPER), f("proxyBootstrapTemplatePath", Kind.STRING),
            e("interceptionMode", "REDIRECT", "TPROXY", "NONE"), f("tracing", Kind.MESSAGE), f("sds", Kind.MESSAGE),
            f("envoyAccessLogService", Kind.MESSAGE), f("envoyMetricsService", Kind.MESSAGE),
            f("proxyMetadata", Kind.STRING_MAP), f("runtimeValues", Kind.STRING_MAP), f("statusPort", Kind.INT32),
            f("extraStatTags", Kind.STRING_LIST), f("gatewayTopology", Kind.MESSAGE),
            f("terminationDrainDuration", Kind.DURATION), f("meshId", Kind.STRING), f("readinessProbe", Kind.MESSAGE),
            f("proxyStatsMatcher", Kind.MESSAGE), f("holdApplicationUntilProxyStarts", Kind.BOOL_WRAPPER),
            f("caCertificatesPem", Kind.STRING_LIST), f("image", Kind.MESSAGE), f("privateKeyProvider", Kind.MESSAGE),
            f("proxyHeaders", Kind.MESSAGE), f("fileFlushInterval", Kind.DURATION),
            f("fileFlushMinSizeKb", Kind.UINT32));

    private static final Map<String, Field> BY_NAME = new LinkedHashMap<>();

    static {
        for (Field fd : FIELDS) {
            BY_NAME.put(fd.json(), fd);
            BY_NAME.put(fd.snake(), fd);
        }
    }

    private static Field f(String json, Kind kind) {
        return new Field(json, snake(json), kind, List.of());
    }

    private static Field e(String json, String... names) {
        return new Field(json, snake(json), Kind.ENUM, List.of(names));
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }

    /** Istio's DefaultProxyConfig (c.4). */
    public static final ProxyConfig DEFAULT;

    static {
        ObjectNode d = Json.F.objectNode();
        d.put("configPath", "./etc/istio/proxy");
        d.put("binaryPath", "/usr/local/bin/envoy");
        d.put("serviceCluster", "istio-proxy");
        d.put("drainDuration", "45s");
        d.put("discoveryAddress", "istiod.istio-system.svc:15012");
        d.put("proxyAdminPort", 15000);
        d.put("controlPlaneAuthPolicy", "MUTUAL_TLS");
        d.put("statNameLength", 189);
        d.put("statusPort", 15020);
        d.put("terminationDrainDuration", "5s");
        DEFAULT = new ProxyConfig(d);
    }

    private final ObjectNode fields;

    private ProxyConfig(ObjectNode fields) {
        this.fields = fields;
    }

    /** An empty ProxyConfig (every field unset). */
    public static ProxyConfig empty() {
        return new ProxyConfig(Json.F.objectNode());
    }

    /** Parses a YAML/JSON ProxyConfig document on its own (all fields unset except those given). */
    public static ProxyConfig parse(String text) throws InjectorConfigException {
        return empty().merge(text);
    }

    /** Applies a YAML or JSON ProxyConfig overlay (e.g. the {@code proxy.istio.io/config} annotation). */
    public ProxyConfig merge(String overlayText) throws InjectorConfigException {
        JsonNode n;
        try {
            n = Json.readYaml(overlayText);
        } catch (JsonProcessingException ex) {
            throw new InjectorConfigException("failed to parse ProxyConfig: " + ex.getOriginalMessage(), ex);
        }
        return merge(n);
    }

    /** Applies an overlay already parsed to a tree; {@code null}/empty documents change nothing. */
    public ProxyConfig merge(JsonNode overlay) throws InjectorConfigException {
        return merge(overlay, true);
    }

    /**
     * As {@link #merge(JsonNode)}; with {@code strict} false, fields this model does not know are kept as given
     * instead of rejected (mesh config from a newer Istio must not fail to load because of one new field).
     */
    ProxyConfig merge(JsonNode overlay, boolean strict) throws InjectorConfigException {
        if (overlay == null || overlay.isMissingNode() || overlay.isNull()) return this;
        if (!overlay.isObject()) throw new InjectorConfigException("failed to parse ProxyConfig: expected a mapping");
        ObjectNode out = fields.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            Field fd = BY_NAME.get(en.getKey());
            JsonNode v = en.getValue();
            if (fd == null) {
                if (strict)
                    throw new InjectorConfigException("failed to parse ProxyConfig: unknown field " + Json.goQuote(en.getKey())
                            + " in v1alpha1.ProxyConfig");
                if (!v.isNull()) out.set(en.getKey(), v);
                continue;
            }
            if (v.isNull()) continue;
            JsonNode norm = normalise(fd, v);
            if (fd.json().equals("serviceCluster")) out.remove("tracingServiceName");
            if (fd.json().equals("tracingServiceName")) out.remove("serviceCluster");
            if (fd.kind() == Kind.STRING_MAP && out.get(fd.json()) instanceof ObjectNode old) {
                ObjectNode merged = old.deepCopy();
                merged.setAll((ObjectNode) norm);
                out.set(fd.json(), merged);
            } else if (fd.json().equals("proxyHeaders") && out.get(fd.json()) instanceof ObjectNode old) {
                ObjectNode merged = ((ObjectNode) norm).deepCopy();
                for (String keep : List.of("forwardedClientCert", "requestId", "attemptCount", "server", "envoyDebugHeaders"))
                    if (!merged.has(keep) && old.has(keep)) merged.set(keep, old.get(keep));
                out.set(fd.json(), merged);
            } else {
                out.set(fd.json(), norm);
            }
        }
        return new ProxyConfig(out);
    }

    private static JsonNode normalise(Field fd, JsonNode v) throws InjectorConfigException {
        String name = fd.json();
        switch (fd.kind()) {
            case STRING -> {
                if (!v.isTextual()) throw bad(name, "string", v);
                return v;
            }
            case INT32, UINT32, INT32_WRAPPER -> {
                long l;
                if (v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) l = v.asLong();
                else if (v.isTextual() && v.asText().matches("-?\\d+")) l = Long.parseLong(v.asText());
                else throw bad(name, "integer", v);
                if (l > Integer.MAX_VALUE || l < (fd.kind() == Kind.UINT32 ? 0 : Integer.MIN_VALUE))
                    throw bad(name, "integer in range", v);
                return Json.F.numberNode((int) l);
            }
            case BOOL, BOOL_WRAPPER -> {
                if (!v.isBoolean()) throw bad(name, "boolean", v);
                return v;
            }
            case ENUM -> {
                if (v.isTextual() && fd.enumNames().contains(v.asText())) return v;
                if (name.equals("controlPlaneAuthPolicy") && v.isTextual() && v.asText().equals("INHERIT")) return v;
                if (v.isIntegralNumber()) {
                    int i = v.asInt();
                    if (i >= 0 && i < fd.enumNames().size()) return Json.F.textNode(fd.enumNames().get(i));
                    if (name.equals("controlPlaneAuthPolicy") && i == 1000) return Json.F.textNode("INHERIT");
                }
                throw new InjectorConfigException("failed to parse ProxyConfig: invalid value for enum field " + name + ": " + v);
            }
            case DURATION -> {
                if (!v.isTextual()) throw bad(name, "duration string", v);
                try {
                    return Json.F.textNode(ProtoDuration.parse(v.asText()).protoJson());
                } catch (IllegalArgumentException ex) {
                    throw new InjectorConfigException("failed to parse ProxyConfig: field " + name + ": " + ex.getMessage());
                }
            }
            case MESSAGE -> {
                if (!v.isObject()) throw bad(name, "object", v);
                return withoutNulls(v);
            }
            case STRING_MAP -> {
                if (!v.isObject()) throw bad(name, "map of strings", v);
                ObjectNode o = Json.F.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> en = it.next();
                    if (!en.getValue().isTextual()) throw bad(name + "." + en.getKey(), "string", en.getValue());
                    o.set(en.getKey(), en.getValue());
                }
                return o;
            }
            case STRING_LIST -> {
                if (!v.isArray()) throw bad(name, "list of strings", v);
                for (JsonNode x : v) if (!x.isTextual()) throw bad(name, "list of strings", v);
                return v;
            }
        }
        throw new IllegalStateException(name);
    }

    private static JsonNode withoutNulls(JsonNode v) {
        if (v.isObject()) {
            ObjectNode o = Json.F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> en = it.next();
                if (!en.getValue().isNull()) o.set(en.getKey(), withoutNulls(en.getValue()));
            }
            return o;
        }
        return v;
    }

    private static InjectorConfigException bad(String field, String want, JsonNode got) {
        return new InjectorConfigException("failed to parse ProxyConfig: field " + field + " must be a " + want + ", got " + got);
    }

    /** The normalised field tree (lowerCamel keys); a copy the caller may change. */
    public ObjectNode toJson() {
        return fields.deepCopy();
    }

    JsonNode get(String field) {
        return fields.get(field);
    }

    /** Whether a message/wrapper field is present (set), which protobuf distinguishes from its zero value. */
    public boolean has(String field) {
        return fields.has(field);
    }

    public String interceptionMode() {
        JsonNode n = fields.get("interceptionMode");
        return n == null ? "REDIRECT" : n.asText();
    }

    public int statusPort() {
        JsonNode n = fields.get("statusPort");
        return n == null ? 0 : n.asInt();
    }

    public String discoveryAddress() {
        return Json.text(fields, "discoveryAddress");
    }

    /** {@code proxyMetadata} sorted by key (Go templates range over maps in key order). */
    public Map<String, String> proxyMetadata() {
        return new TreeMap<>(Json.stringMap(fields.get("proxyMetadata")));
    }

    /** {@code holdApplicationUntilProxyStarts.GetValue} (nil-safe → false). */
    public boolean holdApplicationUntilProxyStarts() {
        JsonNode n = fields.get("holdApplicationUntilProxyStarts");
        return n != null && n.asBoolean(false);
    }

    /** {@code image.imageType}, or "" when unset. */
    public String imageType() {
        return Json.pathText(fields, "image", "imageType");
    }

    /**
     * Istio's {@code protoToJSON} for a ProxyConfig: fields equal to {@link #DEFAULT} removed, then compact legacy
     * jsonpb (declaration order, defaults omitted, present messages and wrappers kept even when empty/zero).
     */
    public String toProtoJson() {
        ObjectNode out = Json.F.objectNode();
        for (Field fd : FIELDS) {
            JsonNode v = fields.get(fd.json());
            if (v == null || isStrippedDefault(fd, v)) continue;
            switch (fd.kind()) {
                case STRING -> { if (!v.asText().isEmpty()) out.set(fd.json(), v); }
                case INT32, UINT32 -> { if (v.asInt() != 0) out.set(fd.json(), v); }
                case BOOL -> { if (v.asBoolean()) out.set(fd.json(), v); }
                case ENUM -> { if (!v.asText().equals(fd.enumNames().get(0))) out.set(fd.json(), v); }
                case DURATION, INT32_WRAPPER, BOOL_WRAPPER, MESSAGE -> out.set(fd.json(), v);
                case STRING_MAP -> { if (v.size() > 0) out.set(fd.json(), sorted(v)); }
                case STRING_LIST -> { if (v.size() > 0) out.set(fd.json(), v); }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            if (!BY_NAME.containsKey(en.getKey())) out.set(en.getKey(), en.getValue());
        }
        try {
            return Json.JSON.writeValueAsString(out);
        } catch (JsonProcessingException ex) {
            return "{}";
        }
    }

    private static JsonNode sorted(JsonNode map) {
        ObjectNode o = Json.F.objectNode();
        new TreeMap<>(Json.stringMap(map)).forEach(o::put);
        return o;
    }

    private static final List<String> STRIPPED = List.of("configPath", "binaryPath", "controlPlaneAuthPolicy",
            "serviceCluster", "drainDuration", "terminationDrainDuration", "discoveryAddress", "envoyMetricsService",
            "envoyAccessLogService", "tracing", "proxyAdminPort", "statNameLength", "statusPort", "concurrency");

    private static boolean isStrippedDefault(Field fd, JsonNode v) {
        if (!STRIPPED.contains(fd.json())) return false;
        JsonNode d = DEFAULT == null ? null : DEFAULT.fields.get(fd.json());
        return v.equals(d);
    }

    /** Validation of a ProxyConfig as the agent does it (used for the {@code proxy.istio.io/config} annotation). */
    List<String> validate() {
        List<String> errs = new ArrayList<>();
        if (Json.text(fields, "configPath").isEmpty()) errs.add("config path must be set");
        if (Json.text(fields, "binaryPath").isEmpty()) errs.add("binary path must be set");
        if (fields.has("serviceCluster")) {
            if (Json.text(fields, "serviceCluster").isEmpty()) errs.add("service cluster must be specified");
        } else if (!fields.has("tracingServiceName")) {
            errs.add("oneof service cluster or tracing service name must be specified");
        }
        JsonNode drain = fields.get("drainDuration");
        if (drain != null) {
            ProtoDuration d = ProtoDuration.parse(drain.asText());
            if (d.seconds() * 1_000_000_000L + d.nanos() < 1_000_000L) errs.add("drain duration invalid: duration must be greater than 1ms");
        }
        String addr = Json.text(fields, "discoveryAddress").replaceFirst("\\$\\(POD_NAMESPACE\\)", "default");
        String addrErr = checkHostPort(addr);
        if (addrErr != null) errs.add("invalid discovery address: " + addrErr);
        int admin = fields.has("proxyAdminPort") ? fields.get("proxyAdminPort").asInt() : 0;
        if (admin < 1 || admin > 65535) errs.add("invalid proxy admin port: port number " + admin + " must be in the range 1..65535");
        String auth = Json.text(fields, "controlPlaneAuthPolicy");
        if (!auth.equals("MUTUAL_TLS") && !auth.equals("NONE"))
            errs.add("invalid authentication policy: unrecognized control plane auth policy " + Json.goQuote(auth));
        int sp = statusPort();
        if (sp < 1 || sp > 65535) errs.add("invalid status port: port number " + sp + " must be in the range 1..65535");
        return errs;
    }

    private static String checkHostPort(String addr) {
        if (addr.isEmpty()) return "address must be set";
        int colon = addr.lastIndexOf(':');
        if (colon < 0) return "unable to split " + Json.goQuote(addr) + ": address " + addr + ": missing port in address";
        String host = addr.substring(0, colon);
        String port = addr.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) return "host must be provided";
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) return "port number " + p + " must be in the range 1..65535";
        } catch (NumberFormatException ex) {
            return "port (" + port + ") is not a number: strconv.Atoi: parsing " + Json.goQuote(port) + ": invalid syntax";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyConfig p && p.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
