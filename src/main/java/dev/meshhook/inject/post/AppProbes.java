package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.GoJson;
import dev.meshhook.inject.merge.GoType;
import dev.meshhook.inject.merge.PodSchema;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.Pods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * f.5 app probe rewrite ({@code app_probe.go}): the application's HTTP/TCP/gRPC probes are described to the
 * agent in {@code ISTIO_KUBE_APP_PROBERS} and pointed at the agent's status port.
 */
public final class AppProbes {

    public static final String ENV = "ISTIO_KUBE_APP_PROBERS";
    static final String REWRITE_ANNOTATION = "sidecar.istio.io/rewriteAppHTTPProbers";
    static final String STATUS_PORT_ANNOTATION = "status.sidecar.istio.io/port";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Istio's {@code Prober}: the agent-side description of one probe. */
    static final GoType PROBER = GoType.struct("status.Prober")
            .field("httpGet", PodSchema.HTTP_GET_ACTION, "op")
            .field("tcpSocket", PodSchema.TCP_SOCKET_ACTION, "op")
            .field("grpc", PodSchema.GRPC_ACTION, "op")
            .field("timeoutSeconds", PodSchema.INT32, "o");

    private AppProbes() {
    }

    /** {@code ShouldRewriteAppHTTPProbers}: a valid Go-bool annotation wins over the values setting. */
    public static boolean shouldRewrite(JsonNode pod, boolean valuesSetting) {
        String v = Pods.annotation(pod, REWRITE_ANNOTATION);
        if (v != null) {
            Boolean b = PrometheusMerge.parseGoBool(v);
            if (b != null) {
                return b;
            }
        }
        return valuesSetting;
    }

    static void apply(ObjectNode pod, PostProcessContext ctx) {
        ObjectNode proxy = Pods.findSidecar(pod);
        if (proxy == null || !shouldRewrite(pod, ctx.valuesRewriteAppHTTPProbe())) {
            return;
        }
        String probers = dump(pod, ctx.meshStatusPort());
        if (!probers.isEmpty()) {
            boolean previouslyInjected = Pods.annotation(pod, Pods.STATUS_ANNOTATION) != null;
            mergeOrAppend(proxy, previouslyInjected, probers);
        }
        patchProbes(pod, ctx.meshStatusPort());
    }

    /** The five agent URLs of a container: readyz, livez, startupz, prestopz, poststartz. */
    static String[] urls(String container) {
        return new String[] {"/app-health/" + container + "/readyz", "/app-health/" + container + "/livez",
                "/app-health/" + container + "/startupz", "/app-lifecycle/" + container + "/prestopz",
                "/app-lifecycle/" + container + "/poststartz"};
    }

    /** {@code DumpAppProbers}: JSON of URL -> prober for every non-proxy container, "" when there is none. */
    public static String dump(JsonNode pod, int targetPort) {
        TreeMap<String, JsonNode> out = new TreeMap<>();
        List<JsonNode> all = new ArrayList<>();
        Pods.initContainers(pod).forEach(all::add);
        Pods.containers(pod).forEach(all::add);
        for (JsonNode c : all) {
            String name = c.path("name").asText("");
            if (name.equals(Pods.PROXY)) {
                continue;
            }
            Map<String, Integer> named = new HashMap<>();
            for (JsonNode p : c.path("ports")) {
                String pn = p.path("name").asText("");
                if (!pn.isEmpty()) {
                    named.put(pn, p.path("containerPort").asInt());
                }
            }
            String[] u = urls(name);
            put(out, u[0], probeProber(c.get("readinessProbe")), named, targetPort);
            put(out, u[1], probeProber(c.get("livenessProbe")), named, targetPort);
            put(out, u[2], probeProber(c.get("startupProbe")), named, targetPort);
            JsonNode lifecycle = c.get("lifecycle");
            if (lifecycle != null && lifecycle.isObject()) {
                put(out, u[3], handlerProber(lifecycle.get("preStop")), named, targetPort);
                put(out, u[4], handlerProber(lifecycle.get("postStart")), named, targetPort);
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        ObjectNode json = F.objectNode();
        out.forEach(json::set);
        return GoJson.write(json);
    }

    private static ObjectNode probeProber(JsonNode probe) {
        if (probe == null || !probe.isObject()) {
            return null;
        }
        ObjectNode p = F.objectNode();
        if (probe.get("httpGet") instanceof ObjectNode h) {
            p.set("httpGet", h.deepCopy());
        } else if (probe.get("tcpSocket") instanceof ObjectNode t) {
            p.set("tcpSocket", t.deepCopy());
        } else if (probe.get("grpc") instanceof ObjectNode g) {
            p.set("grpc", g.deepCopy());
        } else {
            return null;
        }
        int timeout = probe.path("timeoutSeconds").asInt(0);
        if (timeout != 0) {
            p.put("timeoutSeconds", timeout);
        }
        return p;
    }

    private static ObjectNode handlerProber(JsonNode handler) {
        if (handler == null || !handler.isObject()) {
            return null;
        }
        ObjectNode p = F.objectNode();
        if (handler.get("httpGet") instanceof ObjectNode h) {
            p.set("httpGet", h.deepCopy());
        } else if (handler.get("tcpSocket") instanceof ObjectNode t) {
            p.set("tcpSocket", t.deepCopy());
        } else {
            return null;
        }
        return p;
    }

    /** Named ports resolve against the container; a port already equal to the agent's is skipped. */
    private static void put(TreeMap<String, JsonNode> out, String url, ObjectNode prober, Map<String, Integer> named,
                            int targetPort) {
        if (prober == null) {
            return;
        }
        if (!prober.has("grpc")) {
            ObjectNode action = (ObjectNode) (prober.has("httpGet") ? prober.get("httpGet") : prober.get("tcpSocket"));
            JsonNode port = action.get("port");
            if (port != null && port.isTextual()) {
                Integer resolved = named.get(port.textValue());
                if (resolved == null) {
                    return;
                }
                action.put("port", resolved.intValue());
            } else if (port != null && port.asInt() == targetPort) {
                return;
            }
        }
        out.put(url, canonicalProber(prober));
    }

    private static JsonNode canonicalProber(JsonNode prober) {
        try {
            return PodShape.roundTrip(PROBER, prober);
        } catch (GoDecodeException e) {
            return prober;
        }
    }

    /** On re-injection the old env value is merged in (old entries win); otherwise the env is appended. */
    static void mergeOrAppend(ObjectNode proxy, boolean previouslyInjected, String probers) {
        if (previouslyInjected) {
            ObjectNode existing = EnvVars.find(proxy, ENV);
            if (existing != null) {
                String merged = mergeProbers(existing.path("value").asText(""), probers);
                if (merged != null) {
                    ObjectNode replacement = F.objectNode();
                    replacement.put("name", ENV);
                    replacement.put("value", merged);
                    ArrayNode env = (ArrayNode) proxy.get("env");
                    for (int i = 0; i < env.size(); i++) {
                        if (env.get(i) == existing) {
                            env.set(i, replacement);
                            break;
                        }
                    }
                }
                return;
            }
        }
        EnvVars.append(proxy, ENV, probers);
    }

    /** New map overwritten by every old entry, re-marshalled; null when either side is not valid JSON. */
    static String mergeProbers(String oldValue, String newValue) {
        try {
            JsonNode oldMap = MAPPER.readTree(oldValue);
            JsonNode newMap = MAPPER.readTree(newValue);
            if (oldMap == null || newMap == null || !(oldMap.isObject() || oldMap.isNull())
                    || !(newMap.isObject() || newMap.isNull())) {
                return null;
            }
            TreeMap<String, JsonNode> merged = new TreeMap<>();
            for (JsonNode m : List.of(newMap, oldMap)) {
                if (m.isObject()) {
                    m.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
                }
            }
            ObjectNode out = F.objectNode();
            for (Map.Entry<String, JsonNode> e : merged.entrySet()) {
                out.set(e.getKey(), e.getValue().isNull() ? F.nullNode() : PodShape.roundTrip(PROBER, e.getValue()));
            }
            return GoJson.write(out);
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code patchRewriteProbe}: every non-proxy probe/lifecycle HTTP or TCP/gRPC action goes to the agent. */
    static void patchProbes(ObjectNode pod, int meshStatusPort) {
        int statusPort = meshStatusPort;
        String annotated = Pods.annotation(pod, STATUS_PORT_ANNOTATION);
        if (annotated != null) {
            statusPort = goAtoi(annotated);
        }
        List<JsonNode> all = new ArrayList<>();
        Pods.containers(pod).forEach(all::add);
        Pods.initContainers(pod).forEach(all::add);
        for (JsonNode c : all) {
            String name = c.path("name").asText("");
            if (name.equals(Pods.PROXY) || !(c instanceof ObjectNode container)) {
                continue;
            }
            String[] u = urls(name);
            convertProbe(container.get("readinessProbe"), u[0], statusPort);
            convertProbe(container.get("livenessProbe"), u[1], statusPort);
            convertProbe(container.get("startupProbe"), u[2], statusPort);
            if (container.get("lifecycle") instanceof ObjectNode lifecycle) {
                convertHandler(lifecycle.get("preStop"), u[3], statusPort);
                convertHandler(lifecycle.get("postStart"), u[4], statusPort);
            }
        }
    }

    private static void convertProbe(JsonNode probe, String url, int port) {
        if (!(probe instanceof ObjectNode p)) {
            return;
        }
        if (p.get("httpGet") instanceof ObjectNode h) {
            updateHttpGet(h, url, port);
        } else if (p.has("tcpSocket") || p.has("grpc")) {
            p.remove("tcpSocket");
            p.remove("grpc");
            ObjectNode h = p.putObject("httpGet");
            h.put("path", url);
            h.put("port", port);
        }
    }

    private static void convertHandler(JsonNode handler, String url, int port) {
        if (!(handler instanceof ObjectNode p)) {
            return;
        }
        if (p.get("httpGet") instanceof ObjectNode h) {
            updateHttpGet(h, url, port);
        } else if (p.has("tcpSocket")) {
            p.remove("tcpSocket");
            ObjectNode h = p.putObject("httpGet");
            h.put("path", url);
            h.put("port", port);
        }
    }

    private static void updateHttpGet(ObjectNode h, String url, int port) {
        h.put("port", port);
        h.put("path", url);
        if ("HTTPS".equals(h.path("scheme").asText(null))) {
            h.set("scheme", TextNode.valueOf("HTTP"));
        }
    }

    /** Go {@code strconv.Atoi}; errors give 0 (Istio logs and continues with 0). */
    static int goAtoi(String s) {
        try {
            String t = s.startsWith("+") ? s.substring(1) : s;
            if (t.isEmpty() || !t.chars().allMatch(ch -> ch == '-' || Character.isDigit(ch))) {
                return 0;
            }
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
