package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.GoJson;
import dev.meshhook.inject.merge.Pods;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * f.3 {@code applyPrometheusMerge} and f.4 {@code applySecurePrometheusAnnotation}: the app's Prometheus
 * annotations move into {@code ISTIO_PROMETHEUS_ANNOTATIONS} and the pod is pointed at the agent.
 */
public final class PrometheusMerge {

    static final String SCRAPE = "prometheus_io_scrape";
    static final String PORT = "prometheus_io_port";
    static final String PATH = "prometheus_io_path";
    static final String TARGETS = "prometheus_istio_io_scrape_targets";
    static final String SECURE_PORT = "prometheus_istio_io_secure_port";
    static final String MERGE_METRICS = "prometheus.istio.io/merge-metrics";
    static final String ENV = "ISTIO_PROMETHEUS_ANNOTATIONS";

    private PrometheusMerge() {
    }

    /** Prometheus label-name sanitising: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> sb.append(
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? (char) c : '_'));
        return sb.toString();
    }

    /** Go {@code strconv.ParseBool}; null when invalid. */
    public static Boolean parseGoBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Istio ports that must not be scraped through the merge, with the reason shown in the error. */
    static String reservedReason(int port) {
        return switch (port) {
            case 15000 -> "Envoy admin";
            case 15001 -> "outbound traffic capture";
            case 15004 -> "pilot debug";
            case 15006 -> "inbound traffic capture";
            case 15008 -> "HBONE tunnel";
            case 15020 -> "pilot-agent status / merged Prometheus";
            case 15021 -> "Envoy health";
            case 15053 -> "DNS proxy";
            case 15090 -> "Envoy Prometheus (already merged)";
            default -> null;
        };
    }

    private record Target(String port, String path) {}

    static void apply(ObjectNode pod, int statusPort, Boolean meshEnablePrometheusMerge) throws PostProcessException {
        ObjectNode annotations = Pods.annotations(pod);
        if (!scrapeEnabled(annotations) || !mergeEnabled(annotations, meshEnablePrometheusMerge)) {
            return;
        }
        String target = Integer.toString(statusPort);
        String currentPort = first(annotations, PORT);
        if (currentPort != null && currentPort.equals(target)) {
            return;
        }
        String scrape = orEmpty(first(annotations, SCRAPE));
        String path = orEmpty(first(annotations, PATH));
        String port = orEmpty(currentPort);
        List<Target> targets = parseTargets(first(annotations, TARGETS));
        if (!targets.isEmpty()) {
            port = targets.get(0).port();
            path = targets.get(0).path();
            for (Target t : targets) {
                checkPort(t.port(), statusPort, "invalid prometheus scrape targets: ", "target port");
            }
        } else if (!port.isEmpty()) {
            checkPort(port, statusPort, "invalid prometheus scrape configuration: ", "port");
        }
        ObjectNode proxy = Pods.findSidecar(pod);
        if (proxy != null && !(scrape.isEmpty() && path.isEmpty() && port.isEmpty() && targets.isEmpty())) {
            StringBuilder json = new StringBuilder();
            json.append("{\"scrape\":").append(GoJson.quote(scrape)).append(",\"path\":").append(GoJson.quote(path))
                    .append(",\"port\":").append(GoJson.quote(port));
            if (!targets.isEmpty()) {
                json.append(",\"targets\":[");
                for (int i = 0; i < targets.size(); i++) {
                    json.append(i > 0 ? "," : "").append("{\"port\":").append(GoJson.quote(targets.get(i).port()))
                            .append(",\"path\":").append(GoJson.quote(targets.get(i).path())).append('}');
                }
                json.append(']');
            }
            json.append('}');
            EnvVars.append(proxy, ENV, json.toString());
        }
        for (Iterator<String> it = annotations.fieldNames(); it.hasNext(); ) {
            String s = sanitize(it.next());
            if (s.equals(PATH) || s.equals(PORT) || s.equals(SCRAPE) || s.equals(TARGETS)) {
                it.remove();
            }
        }
        annotations.put("prometheus.io/port", target);
        annotations.put("prometheus.io/path", "/stats/prometheus");
        annotations.put("prometheus.io/scrape", "true");
    }

    /** f.4: publish the proxy's secure merged-metrics port unless the user already annotated one. */
    static void applySecurePort(ObjectNode pod) {
        ObjectNode annotations = Pods.annotations(pod);
        if (first(annotations, SECURE_PORT) != null) {
            return;
        }
        ObjectNode proxy = Pods.findSidecar(pod);
        if (proxy == null) {
            return;
        }
        ObjectNode env = EnvVars.find(proxy, "ENVOY_SECURE_MERGED_METRICS_PORT");
        if (env == null) {
            return;
        }
        String value = env.path("value").asText("");
        if (!value.isEmpty() && !value.equals("0")) {
            annotations.put("prometheus.istio.io/secure-port", value);
        }
    }

    private static void checkPort(String p, int statusPort, String prefix, String what) throws PostProcessException {
        int n;
        try {
            n = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 65535) {
            throw new PostProcessException(prefix + "invalid " + (what.equals("port") ? "" : "target ") + "port "
                    + GoJson.quote(p));
        }
        if (n == statusPort) {
            throw new PostProcessException(prefix + what + " " + n + " conflicts with agent port");
        }
        String reason = reservedReason(n);
        if (reason != null) {
            throw new PostProcessException(prefix + what + " " + n + " is reserved for Istio (" + reason
                    + ") and cannot be scraped");
        }
    }

    private static List<Target> parseTargets(String value) {
        List<Target> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String port = (colon >= 0 ? entry.substring(0, colon) : entry).strip();
            String path = colon >= 0 ? entry.substring(colon + 1).strip() : "";
            if (port.isEmpty()) {
                // one malformed entry makes the whole annotation ignored (Istio logs a warning)
                return new ArrayList<>();
            }
            out.add(new Target(port, path.isEmpty() ? "/metrics" : path));
        }
        return out;
    }

    private static boolean scrapeEnabled(ObjectNode annotations) {
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sanitize(e.getKey()).equals(SCRAPE)) {
                Boolean b = parseGoBool(e.getValue().asText());
                if (b != null) {
                    return b;
                }
            }
        }
        return true;
    }

    private static boolean mergeEnabled(ObjectNode annotations, Boolean mesh) {
        JsonNode v = annotations.get(MERGE_METRICS);
        if (v != null) {
            Boolean b = parseGoBool(v.asText());
            if (b != null) {
                return b;
            }
        }
        return mesh == null || mesh;
    }

    /** First annotation (in pod order) whose sanitized key equals {@code sanitized}. */
    static String first(ObjectNode annotations, String sanitized) {
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sanitize(e.getKey()).equals(sanitized)) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
