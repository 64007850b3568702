package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Istio's MeshConfig as the injector sees it (inject-spec c.4): the {@code mesh} YAML applied over Istio's built-in
 * defaults. Fields are kept as protobuf JSON; {@code defaultConfig} is a {@link ProxyConfig}. Immutable.
 */
public final class MeshConfig {
    private final ObjectNode fields;
    private final ProxyConfig defaultConfig;

    private MeshConfig(ObjectNode fields, ProxyConfig defaultConfig) {
        this.fields = fields;
        this.defaultConfig = defaultConfig;
    }

    /** Istio's DefaultMeshConfig (the fields that matter to injection plus their common neighbours). */
    public static MeshConfig defaults() {
        ObjectNode m = Json.F.objectNode();
        m.put("proxyListenPort", 15001);
        m.put("proxyInboundListenPort", 15006);
        m.put("trustDomain", "cluster.local");
        m.putObject("inboundTrafficPolicy").put("mode", "PASSTHROUGH");
        m.put("enablePrometheusMerge", true);
        m.put("rootNamespace", "istio-system");
        m.put("enableTracing", true);
        m.put("accessLogEncoding", "TEXT");
        m.put("connectTimeout", "10s");
        m.put("protocolDetectionTimeout", "0s");
        m.put("ingressService", "istio-ingressgateway");
        m.put("ingressControllerMode", "STRICT");
        m.put("ingressClass", "istio");
        m.put("enableAutoMtls", true);
        m.putObject("outboundTrafficPolicy").put("mode", "ALLOW_ANY");
        m.putObject("localityLbSetting").put("enabled", true);
        m.put("dnsRefreshRate", "60s");
        ArrayNode providers = m.putArray("extensionProviders");
        providers.addObject().put("name", "prometheus").putObject("prometheus");
        providers.addObject().put("name", "stackdriver").putObject("stackdriver");
        providers.addObject().put("name", "envoy").putObject("envoyFileAccessLog").put("path", "/dev/stdout");
        m.putArray("defaultServiceExportTo").add("*");
        m.putArray("defaultVirtualServiceExportTo").add("*");
        m.putArray("defaultDestinationRuleExportTo").add("*");
        return new MeshConfig(m, ProxyConfig.DEFAULT);
    }

    /** Parses mesh YAML and applies it over {@link #defaults()} (Istio's ApplyMeshConfig). */
    public static MeshConfig parse(String yaml) throws InjectorConfigException {
        return defaults().apply(yaml);
    }

    /** Applies a mesh YAML document over this config. */
    public MeshConfig apply(String yaml) throws InjectorConfigException {
        JsonNode n;
        try {
            n = Json.readYaml(yaml);
        } catch (JsonProcessingException e) {
            throw new InjectorConfigException("failed to parse mesh config: " + e.getOriginalMessage(), e);
        }
        if (n.isMissingNode() || n.isNull()) return this;
        if (!n.isObject()) throw new InjectorConfigException("failed to parse mesh config: expected a YAML mapping");
        ObjectNode out = fields.deepCopy();
        ProxyConfig dc = defaultConfig;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            switch (k) {
                case "defaultConfig" -> {
                    try {
                        dc = dc.merge(v, false);
                    } catch (InjectorConfigException ex) {
                        throw new InjectorConfigException("failed to parse mesh config: defaultConfig: " + ex.getMessage(), ex);
                    }
                }
                case "defaultProviders" -> {
                    if (!v.isObject()) throw bad(k, "object");
                    ObjectNode merged = out.get(k) instanceof ObjectNode o ? o.deepCopy() : Json.F.objectNode();
                    merged.setAll((ObjectNode) v);
                    out.set(k, merged);
                }
                case "extensionProviders" -> {
                    if (!v.isArray()) throw bad(k, "list");
                    ArrayNode merged = out.get(k) instanceof ArrayNode a ? a.deepCopy() : Json.F.arrayNode();
                    for (JsonNode p : v) {
                        String name = Json.text(p, "name");
                        int found = -1;
                        for (int i = 0; i < merged.size(); i++)
                            if (Json.text(merged.get(i), "name").equals(name)) found = i;
                        if (found >= 0) merged.set(found, p);
                        else merged.add(p);
                    }
                    out.set(k, merged);
                }
                case "trustDomainAliases" -> {
                    if (!v.isArray()) throw bad(k, "list");
                    TreeSet<String> all = new TreeSet<>();
                    Json.arr(out, k).forEach(x -> all.add(x.asText()));
                    v.forEach(x -> all.add(x.asText()));
                    ArrayNode a = Json.F.arrayNode();
                    all.forEach(a::add);
                    out.set(k, a);
                }
                case "proxyListenPort", "proxyInboundListenPort" -> {
                    if (!v.isIntegralNumber()) throw bad(k, "integer");
                    out.set(k, v);
                }
                case "trustDomain", "rootNamespace" -> {
                    if (!v.isTextual()) throw bad(k, "string");
                    out.set(k, v);
                }
                case "enablePrometheusMerge" -> {
                    if (!v.isBoolean()) throw bad(k, "boolean");
                    out.set(k, v);
                }
                case "inboundTrafficPolicy" -> {
                    if (!v.isObject()) throw bad(k, "object");
                    String mode = Json.text(v, "mode");
                    if (!mode.isEmpty() && !mode.equals("PASSTHROUGH") && !mode.equals("LOCALHOST"))
                        throw new InjectorConfigException("failed to parse mesh config: invalid inboundTrafficPolicy.mode " + Json.goQuote(mode));
                    out.set(k, v);
                }
                default -> out.set(k, v);
            }
        }
        return new MeshConfig(out, dc);
    }

    private static InjectorConfigException bad(String field, String want) {
        return new InjectorConfigException("failed to parse mesh config: field " + field + " must be a " + want);
    }

    /** A copy with {@code defaultConfig} replaced (kube-inject's annotated mesh, c.4). */
    public MeshConfig withDefaultConfig(ProxyConfig pc) {
        return new MeshConfig(fields, pc);
    }

    public ProxyConfig defaultConfig() { return defaultConfig; }

    public int proxyListenPort() { return fields.path("proxyListenPort").asInt(0); }

    public int proxyInboundListenPort() { return fields.path("proxyInboundListenPort").asInt(0); }

    public String trustDomain() { return Json.text(fields, "trustDomain"); }

    public String rootNamespace() { return Json.text(fields, "rootNamespace"); }

    /** {@code inboundTrafficPolicy.mode}: {@code PASSTHROUGH} (also when unset) or {@code LOCALHOST}. */
    public String inboundTrafficPolicyMode() {
        String m = Json.pathText(fields, "inboundTrafficPolicy", "mode");
        return m.isEmpty() ? "PASSTHROUGH" : m;
    }

    /** {@code enablePrometheusMerge} (a BoolValue); null when unset. */
    public Boolean enablePrometheusMerge() {
        JsonNode n = fields.get("enablePrometheusMerge");
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    public JsonNode extensionProviders() {
        return Json.arr(fields, "extensionProviders");
    }

    /** All fields as protobuf JSON, {@code defaultConfig} included; a copy. */
    public ObjectNode toJson() {
        ObjectNode o = fields.deepCopy();
        o.set("defaultConfig", defaultConfig.toJson());
        return o;
    }

    JsonNode get(String field) {
        return fields.get(field);
    }
}
