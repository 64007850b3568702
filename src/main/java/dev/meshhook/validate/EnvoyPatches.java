package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * Decodes EnvoyFilter {@code patch.value} structs into the Envoy v3 message selected by {@code applyTo}, as Istio's
 * {@code xds.BuildXDSObjectFromStruct} does (validation-spec §2.2.5, EF-10): Go proto-JSON rules (durations in Go
 * syntax, strict JSON types), {@code @type} resolution against the Envoy v3 / xDS / UDPA message types of
 * {@code io.envoyproxy.controlplane:api}, a lenient pass (unknown fields ignored) whose failure is an error, a strict
 * pass whose failure is a warning, and the two deprecation scans (FROZEN type URLs, filters without typed_config).
 *
 * <p>Types are resolved lazily from their Java class (Envoy's {@code java_package} convention), so only the types a
 * patch names are loaded.
 */
final class EnvoyPatches {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Packages of Envoy's removed v2 API (and other unversioned legacy packages) that Istio no longer links. */
    private static final Pattern ENVOY_V3_PACKAGE = Pattern.compile("^envoy\\.(?:.*\\.)?v3(?:alpha)?\\..*");
    /**
     * Type prefixes istiod knows but the Java artefact does not ship (Istio's own filter protos, Envoy contrib):
     * accepted without looking inside, so valid Istio configurations are not rejected.
     */
    private static final String[] OPAQUE_PREFIXES = {
        "istio.", "io.istio.", "stats.", "envoy.extensions.filters.http.golang.", "envoy.extensions.filters.network.golang.",
        "envoy.extensions.filters.network.kafka_broker.", "envoy.extensions.filters.network.kafka_mesh.",
        "envoy.extensions.filters.network.mysql_proxy.", "envoy.extensions.filters.network.postgres_proxy.",
        "envoy.extensions.filters.network.rocketmq_proxy.", "envoy.extensions.filters.network.sip_proxy.",
        "envoy.extensions.filters.http.squash.", "envoy.extensions.filters.http.sxg.",
        "envoy.extensions.filters.http.language.", "envoy.extensions.filters.http.checksum.",
        "envoy.extensions.private_key_providers.cryptomb.", "envoy.extensions.private_key_providers.qat.",
        "envoy.extensions.compression.qatzip.", "envoy.extensions.compression.qatzstd.",
        "envoy.extensions.regex_engines.hyperscan.", "envoy.extensions.matching.input_matchers.hyperscan.",
        "envoy.extensions.network.connection_balance.dlb.", "envoy.extensions.router.cluster_specifier.golang.",
        "envoy.extensions.vcl."};
    private static final String OPAQUE_STAND_IN = "type.googleapis.com/google.protobuf.Struct";

    private static final Map<String, Descriptor> RESOLVED = new ConcurrentHashMap<>();
    private static final Set<String> UNRESOLVABLE = ConcurrentHashMap.newKeySet();
    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();
    private static volatile TypeRegistry registry = TypeRegistry.getEmptyTypeRegistry();
    private static volatile int registrySize = -1;

    private EnvoyPatches() {}

    /** Outcome of decoding one patch value. */
    record Outcome(String error, List<String> warnings) {}

    /** A value that does not decode; the message is the detail (without the {@code Envoy filter: } prefix). */
    private static final class DecodeError extends Exception {
        DecodeError(String message) {
            super(message, null, false, false);
        }
    }

    /** A {@code @type} that names no known message. */
    private static final class UnresolvedType extends Exception {
        UnresolvedType(String url) {
            super("could not resolve Any message type: " + url, null, false, false);
        }
    }

    /** The Envoy message a patch with this {@code applyTo} carries, or null for an unknown applyTo. */
    static Descriptor rootType(String applyTo) {
        switch (applyTo) {
            case "CLUSTER": return io.envoyproxy.envoy.config.cluster.v3.Cluster.getDescriptor();
            case "LISTENER": return io.envoyproxy.envoy.config.listener.v3.Listener.getDescriptor();
            case "ROUTE_CONFIGURATION": return io.envoyproxy.envoy.config.route.v3.RouteConfiguration.getDescriptor();
            case "FILTER_CHAIN": return io.envoyproxy.envoy.config.listener.v3.FilterChain.getDescriptor();
            case "HTTP_FILTER":
                return io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter.getDescriptor();
            case "NETWORK_FILTER": return io.envoyproxy.envoy.config.listener.v3.Filter.getDescriptor();
            case "VIRTUAL_HOST": return io.envoyproxy.envoy.config.route.v3.VirtualHost.getDescriptor();
            case "HTTP_ROUTE": return io.envoyproxy.envoy.config.route.v3.Route.getDescriptor();
            case "EXTENSION_CONFIG": return io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig.getDescriptor();
            case "BOOTSTRAP": return io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap.getDescriptor();
            case "LISTENER_FILTER": return io.envoyproxy.envoy.config.listener.v3.ListenerFilter.getDescriptor();
            default: return null;
        }
    }

    /** Decodes {@code value} for {@code applyTo} (an enum name, or the number of an undefined value). */
    static Outcome decode(String applyTo, JsonNode value) {
        List<String> warnings = new ArrayList<>();
        Descriptor root = rootType(applyTo);
        if (root == null) {
            return new Outcome("Envoy filter: unknown object type for applyTo " + applyTo, warnings);
        }
        List<String> unknownFields = new ArrayList<>();
        Set<Descriptor> used = new LinkedHashSet<>();
        JsonNode normalized;
        try {
            normalized = walkMessage(value, root, unknownFields, used);
        } catch (UnresolvedType e) {
            String msg = "Envoy filter: " + e.getMessage();
            String prefix = msg.contains(".v2.") ? "referenced type unknown (hint: try using the v3 XDS API): "
                : "referenced type unknown: ";
            return new Outcome(prefix + msg, warnings);
        } catch (DecodeError e) {
            return new Outcome("Envoy filter: " + e.getMessage(), warnings);
        }
        Message msg;
        try {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(root);
            JsonFormat.parser().usingTypeRegistry(registryWith(used)).merge(MAPPER.writeValueAsString(normalized), b);
            msg = b.build();
        } catch (InvalidProtocolBufferException e) {
            return new Outcome("Envoy filter: " + e.getMessage(), warnings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Outcome("Envoy filter: " + e.getOriginalMessage(), warnings);
        }
        if (!unknownFields.isEmpty()) {
            warnings.add("Envoy filter: " + unknownFields.get(0));
        }
        List<String> deprecated = new ArrayList<>();
        deprecatedTypeUrls(msg, deprecated);
        if (!deprecated.isEmpty()) {
            warnings.add("using deprecated type_url(s); " + String.join(", ", deprecated));
        }
        List<String> missing = new ArrayList<>();
        missingTypedConfig(msg, missing);
        if (!missing.isEmpty()) {
            warnings.add("using deprecated types by name without typed_config; " + String.join(", ", missing));
        }
        return new Outcome(null, warnings);
    }

    // ---- Go proto-JSON walk ----------------------------------------------------------------------------------

    private static JsonNode walkMessage(JsonNode v, Descriptor d, List<String> unknown, Set<Descriptor> used)
        throws DecodeError, UnresolvedType {
        switch (d.getFullName()) {
            case "google.protobuf.Duration":
                if (!v.isTextual()) {
                    throw mismatch(v, "durationpb.Duration");
                }
                try {
                    return F.textNode(canonicalDuration(Durations.parseGo(v.asText())));
                } catch (Durations.SyntaxException e) {
                    throw new DecodeError("bad Duration: " + e.getMessage());
                }
            case "google.protobuf.Timestamp":
            case "google.protobuf.FieldMask":
                if (!v.isTextual()) {
                    throw mismatch(v, "string");
                }
                return v;
            case "google.protobuf.Struct":
                if (!v.isObject()) {
                    throw mismatch(v, "map[string]json.RawMessage");
                }
                return v;
            case "google.protobuf.ListValue":
                if (!v.isArray()) {
                    throw mismatch(v, "[]json.RawMessage");
                }
                return v;
            case "google.protobuf.Value":
                return v;
            case "google.protobuf.DoubleValue":
            case "google.protobuf.FloatValue":
            case "google.protobuf.Int64Value":
            case "google.protobuf.UInt64Value":
            case "google.protobuf.Int32Value":
            case "google.protobuf.UInt32Value":
            case "google.protobuf.BoolValue":
            case "google.protobuf.StringValue":
            case "google.protobuf.BytesValue":
                return walkScalar(v, d.findFieldByName("value"));
            case "google.protobuf.Any":
                return walkAny(v, unknown, used);
            default:
                break;
        }
        if (!v.isObject()) {
            throw mismatch(v, "map[string]json.RawMessage");
        }
        used.add(d);
        Map<String, FieldDescriptor> byName = fieldsOf(d);
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldDescriptor fd = byName.get(e.getKey());
            if (fd == null) {
                unknown.add("unknown field " + GoFormat.quote(e.getKey()) + " in " + d.getFullName());
                continue;
            }
            JsonNode fv = e.getValue();
            if (fv == null || fv.isNull()) {
                continue;
            }
            out.set(e.getKey(), walkField(fv, fd, unknown, used));
        }
        return out;
    }

    private static JsonNode walkField(JsonNode v, FieldDescriptor fd, List<String> unknown, Set<Descriptor> used)
        throws DecodeError, UnresolvedType {
        if (fd.isMapField()) {
            if (!v.isObject()) {
                throw mismatch(v, "map[string]json.RawMessage");
            }
            FieldDescriptor valueFd = fd.getMessageType().findFieldByName("value");
            ObjectNode out = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue() == null || e.getValue().isNull()) {
                    continue;
                }
                out.set(e.getKey(), walkValue(e.getValue(), valueFd, unknown, used));
            }
            return out;
        }
        if (fd.isRepeated()) {
            if (!v.isArray()) {
                throw mismatch(v, "[]json.RawMessage");
            }
            ArrayNode out = F.arrayNode();
            for (JsonNode el : v) {
                if (el == null || el.isNull()) {
                    throw new DecodeError("null value in repeated field " + fd.getFullName());
                }
                out.add(walkValue(el, fd, unknown, used));
            }
            return out;
        }
        return walkValue(v, fd, unknown, used);
    }

    private static JsonNode walkValue(JsonNode v, FieldDescriptor fd, List<String> unknown, Set<Descriptor> used)
        throws DecodeError, UnresolvedType {
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return walkMessage(v, fd.getMessageType(), unknown, used);
        }
        return walkScalar(v, fd);
    }

    private static JsonNode walkScalar(JsonNode v, FieldDescriptor fd) throws DecodeError {
        switch (fd.getJavaType()) {
            case STRING:
                if (!v.isTextual()) {
                    throw mismatch(v, "string");
                }
                return v;
            case BOOLEAN:
                if (!v.isBoolean()) {
                    throw mismatch(v, "bool");
                }
                return v;
            case INT:
            case LONG: {
                String goType = fd.getType().name().toLowerCase(java.util.Locale.ROOT);
                BigInteger n = integerValue(v, goType);
                boolean unsigned = fd.getType() == FieldDescriptor.Type.UINT32 || fd.getType() == FieldDescriptor.Type.UINT64
                    || fd.getType() == FieldDescriptor.Type.FIXED32 || fd.getType() == FieldDescriptor.Type.FIXED64;
                int bits = fd.getJavaType() == FieldDescriptor.JavaType.INT ? 32 : 64;
                BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                    throw new DecodeError("json: cannot unmarshal number " + n + " into Go value of type " + goType);
                }
                return F.numberNode(n);
            }
            case FLOAT:
            case DOUBLE:
                if (v.isNumber()) {
                    return v;
                }
                if (v.isTextual()) {
                    String s = v.asText();
                    if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
                        return v;
                    }
                    try {
                        new BigDecimal(s.trim());
                        return v;
                    } catch (NumberFormatException e) {
                        throw new DecodeError("strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
                    }
                }
                throw mismatch(v, "float64");
            case ENUM: {
                EnumDescriptor ed = fd.getEnumType();
                if (v.isTextual()) {
                    if (ed.findValueByName(v.asText()) == null) {
                        throw new DecodeError("unknown value " + GoFormat.quote(GoFormat.quote(v.asText())) + " for enum "
                            + ed.getFullName());
                    }
                    return v;
                }
                if (v.isIntegralNumber()) {
                    return v;
                }
                if (ed.getFullName().equals("google.protobuf.NullValue") && v.isNull()) {
                    return v;
                }
                throw mismatch(v, ed.getFullName());
            }
            case BYTE_STRING:
                if (!v.isTextual()) {
                    throw mismatch(v, "[]byte");
                }
                if (SpecDecoder.decodeBase64(v.asText()) == null) {
                    throw new DecodeError("illegal base64 data in field " + fd.getFullName());
                }
                return v;
            default:
                throw new DecodeError("unsupported field " + fd.getFullName());
        }
    }

    private static BigInteger integerValue(JsonNode v, String goType) throws DecodeError {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new DecodeError("json: cannot unmarshal number " + v.asText() + " into Go value of type " + goType);
            }
        }
        if (v.isTextual()) {
            try {
                return new BigInteger(v.asText());
            } catch (NumberFormatException e) {
                throw new DecodeError("json: invalid use of ,string struct tag, trying to unmarshal "
                    + GoFormat.quote(v.asText()) + " into " + goType);
            }
        }
        throw mismatch(v, goType);
    }

    private static JsonNode walkAny(JsonNode v, List<String> unknown, Set<Descriptor> used)
        throws DecodeError, UnresolvedType {
        if (!v.isObject()) {
            throw mismatch(v, "map[string]json.RawMessage");
        }
        JsonNode typeNode = v.get("@type");
        if (typeNode == null || typeNode.isNull()) {
            if (v.size() == 0) {
                return v;
            }
            throw new DecodeError("Any JSON doesn't have '@type'");
        }
        if (!typeNode.isTextual()) {
            throw mismatch(typeNode, "string");
        }
        String url = typeNode.asText();
        String name = url.substring(url.lastIndexOf('/') + 1);
        Descriptor d = resolve(name);
        if (d == null) {
            if (isOpaque(name)) {
                ObjectNode standIn = F.objectNode();
                standIn.put("@type", OPAQUE_STAND_IN);
                standIn.set("value", F.objectNode());
                used.add(com.google.protobuf.Struct.getDescriptor());
                return standIn;
            }
            throw new UnresolvedType(url);
        }
        used.add(d);
        ObjectNode out = F.objectNode();
        out.set("@type", typeNode);
        if (isWellKnownWithSpecialJson(d)) {
            JsonNode inner = v.get("value");
            if (inner != null && !inner.isNull()) {
                out.set("value", walkMessage(inner, d, unknown, used));
            }
            return out;
        }
        ObjectNode body = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("@type")) {
                body.set(e.getKey(), e.getValue());
            }
        }
        JsonNode walked = walkMessage(body, d, unknown, used);
        out.setAll((ObjectNode) walked);
        return out;
    }

    private static boolean isWellKnownWithSpecialJson(Descriptor d) {
        String n = d.getFullName();
        return n.startsWith("google.protobuf.") && (n.endsWith("Value") || n.equals("google.protobuf.Duration")
            || n.equals("google.protobuf.Timestamp") || n.equals("google.protobuf.FieldMask")
            || n.equals("google.protobuf.Struct") || n.equals("google.protobuf.Any"));
    }

    private static DecodeError mismatch(JsonNode v, String goType) {
        return new DecodeError("json: cannot unmarshal " + unmarshalTypeName(v) + " into Go value of type " + goType);
    }

    /** proto3 JSON duration text for a nanosecond count ({@code 1.5s}, {@code -0.000000001s}). */
    static String canonicalDuration(long nanos) {
        BigDecimal seconds = new BigDecimal(BigInteger.valueOf(nanos), 9).stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }

    private static Map<String, FieldDescriptor> fieldsOf(Descriptor d) {
        return FIELDS.computeIfAbsent(d, k -> {
            Map<String, FieldDescriptor> m = new HashMap<>();
            for (FieldDescriptor fd : k.getFields()) {
                m.put(fd.getName(), fd);
                m.put(fd.getJsonName(), fd);
            }
            return m;
        });
    }

    // ---- type resolution --------------------------------------------------------------------------------------

    private static boolean isOpaque(String name) {
        for (String p : OPAQUE_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The descriptor of a fully qualified message name, or null when the registry does not know it. */
    static Descriptor resolve(String fullName) {
        Descriptor d = RESOLVED.get(fullName);
        if (d != null || UNRESOLVABLE.contains(fullName)) {
            return d;
        }
        d = load(fullName);
        if (d == null) {
            UNRESOLVABLE.add(fullName);
        } else {
            RESOLVED.put(fullName, d);
        }
        return d;
    }

    private static Descriptor load(String fullName) {
        String javaPrefix;
        if (fullName.startsWith("envoy.")) {
            // Istio links only the v3 Envoy API; v2 and other legacy packages are unknown there.
            if (!ENVOY_V3_PACKAGE.matcher(fullName).matches()) {
                return null;
            }
            javaPrefix = "io.envoyproxy.";
        } else if (fullName.startsWith("udpa.")) {
            javaPrefix = "com.github.udpa.";
        } else if (fullName.startsWith("xds.")) {
            javaPrefix = "com.github.";
        } else if (fullName.startsWith("google.protobuf.")) {
            javaPrefix = "com.";
        } else if (fullName.startsWith("opentelemetry.")) {
            javaPrefix = "io.";
        } else if (fullName.startsWith("cel.expr.")) {
            javaPrefix = "dev.";
        } else {
            return null;
        }
        String[] parts = fullName.split("\\.");
        ClassLoader cl = EnvoyPatches.class.getClassLoader();
        // The message may be nested: try each split point between the package and the (outer$inner) class name.
        for (int split = parts.length - 1; split >= 1; split--) {
            String pkg = String.join(".", java.util.Arrays.copyOfRange(parts, 0, split));
            String cls = String.join("$", java.util.Arrays.copyOfRange(parts, split, parts.length));
            try {
                Class<?> c = Class.forName(javaPrefix + pkg + "." + cls, true, cl);
                if (!Message.class.isAssignableFrom(c)) {
                    continue;
                }
                Object desc = c.getMethod("getDescriptor").invoke(null);
                if (desc instanceof Descriptor && ((Descriptor) desc).getFullName().equals(fullName)) {
                    return (Descriptor) desc;
                }
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                // not this split point
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    private static synchronized TypeRegistry registryWith(Set<Descriptor> used) {
        boolean grew = false;
        for (Descriptor d : used) {
            if (RESOLVED.putIfAbsent(d.getFullName(), d) == null) {
                grew = true;
            }
        }
        if (grew || registrySize != RESOLVED.size()) {
            TypeRegistry.Builder b = TypeRegistry.newBuilder();
            RESOLVED.values().forEach(b::add);
            registry = b.build();
            registrySize = RESOLVED.size();
        }
        return registry;
    }

    // ---- deprecation scans (Istio's recurseDeprecatedTypes / recurseMissingTypedConfig) ----------------------

    /** Set singular message fields, depth first; Any values whose proto file is FROZEN are reported. */
    private static void deprecatedTypeUrls(Message m, List<String> out) {
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE || fd.isRepeated()) {
                continue;
            }
            Message child = (Message) e.getValue();
            if (child.getDescriptorForType().getFullName().equals("google.protobuf.Any")) {
                String url = typeUrlOf(child);
                Descriptor d = resolve(url.substring(url.lastIndexOf('/') + 1));
                if (d != null && isFrozen(d)) {
                    out.add(url);
                }
            }
            deprecatedTypeUrls(child, out);
        }
    }

    private static String typeUrlOf(Message any) {
        FieldDescriptor f = any.getDescriptorForType().findFieldByName("type_url");
        Object v = any.getField(f);
        return v == null ? "" : v.toString();
    }

    private static boolean isFrozen(Descriptor d) {
        com.google.protobuf.DescriptorProtos.FileOptions opts = d.getFile().getOptions();
        if (!opts.hasExtension(udpa.annotations.Status.fileStatus)) {
            return false;
        }
        udpa.annotations.Status.StatusAnnotation s = opts.getExtension(udpa.annotations.Status.fileStatus);
        return s.getPackageVersionStatus() == udpa.annotations.Status.PackageVersionStatus.FROZEN;
    }

    /** Messages with a typed_config field that set neither typed_config nor config_discovery, named by their name. */
    private static void missingTypedConfig(Message m, List<String> out) {
        Descriptor d = m.getDescriptorForType();
        String name = "";
        boolean requires = false;
        boolean has = false;
        for (FieldDescriptor fd : d.getFields()) {
            if (fd.getJsonName().equals("name") && !fd.isRepeated()) {
                name = String.valueOf(m.getField(fd));
            }
        }
        for (FieldDescriptor fd : d.getFields()) {
            boolean set = fd.isRepeated() ? m.getRepeatedFieldCount(fd) > 0 : m.hasField(fd);
            if (fd.getJsonName().equals("typedConfig")) {
                requires = true;
                if (set) {
                    has = true;
                }
            }
            if (fd.getJsonName().equals("configDiscovery") && set) {
                has = true;
            }
            if (set && !fd.isRepeated() && fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                missingTypedConfig((Message) m.getField(fd), out);
            }
        }
        if (requires && !has) {
            out.add(name);
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Loads the root Envoy message types (and the proto descriptors they pull in) on a background daemon thread, so
     * the first EnvoyFilter admission does not pay several seconds of class loading inside the webhook timeout.
     * Idempotent; safe to call from any thread.
     */
    static void warmUpInBackground() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            for (String applyTo : new String[] {"CLUSTER", "LISTENER", "ROUTE_CONFIGURATION", "FILTER_CHAIN", "HTTP_FILTER",
                "NETWORK_FILTER", "VIRTUAL_HOST", "HTTP_ROUTE", "EXTENSION_CONFIG", "BOOTSTRAP", "LISTENER_FILTER"}) {
                Descriptor d = rootType(applyTo);
                fieldsOf(d);
            }
            resolve(Any.getDescriptor().getFullName());
        }, "envoy-types-warmup");
        t.setDaemon(true);
        t.start();
    }
}
