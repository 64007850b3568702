package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Traffic policy rules (§2.1.10): DestinationRule policies, subsets, port-level settings, Sidecar pools. */
public final class TrafficPolicies {
    private TrafficPolicies() {}

    private static final Set<String> TOPOLOGY_LABELS =
            Set.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone");

    /** {@code validateTrafficPolicy}; a null policy (absent) is valid. */
    public static void validate(String namespace, JsonNode p, Findings f) {
        if (p == null) {
            return;
        }
        if (!Json.has(p, "outlierDetection") && !Json.has(p, "connectionPool") && !Json.has(p, "loadBalancer")
                && !Json.has(p, "tls") && Json.size(p, "portLevelSettings") == 0 && !Json.has(p, "tunnel")
                && !Json.has(p, "proxyProtocol") && !Json.has(p, "retryBudget")) {
            f.error("traffic policy must have at least one field");
            return;
        }
        if (Json.has(p, "tunnel") && Json.has(p, "proxyProtocol")) {
            f.error("tunnel and proxyProtocol must not be set together");
            return;
        }
        outlierDetection(Json.get(p, "outlierDetection"), f);
        connectionPool(Json.get(p, "connectionPool"), f);
        loadBalancer(Json.get(p, "loadBalancer"), Json.get(p, "outlierDetection"), f);
        ClientTls.validate(namespace, Json.get(p, "tls"), f);
        portLevelSettings(namespace, Json.list(p, "portLevelSettings"), f);
        tunnel(Json.get(p, "tunnel"), f);
        JsonNode pp = Json.get(p, "proxyProtocol");
        if (pp != null) {
            JsonNode v = Json.get(pp, "version");
            if (v != null && v.isNumber()) {
                f.error("proxy protocol version is invalid: " + v.asLong());
            }
        }
    }

    private static void duration(JsonNode n, String field, Findings f) {
        if (Json.has(n, field)) {
            Durations.validate(Json.lng(n, field)).ifPresent(f::error);
        }
    }

    static void outlierDetection(JsonNode o, Findings f) {
        if (o == null) {
            return;
        }
        duration(o, "baseEjectionTime", f);
        duration(o, "interval", f);
        if (Json.lng(o, "consecutiveErrors") != 0) {
            f.warn("outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead");
        }
        if (Json.lng(o, "consecutiveLocalOriginFailures") > 0 && !Json.bool(o, "splitExternalLocalOriginErrors")) {
            f.error("outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false");
        }
        Numbers.percent(Json.lng(o, "maxEjectionPercent")).ifPresent(f::error);
        Numbers.percent(Json.lng(o, "minHealthPercent")).ifPresent(f::error);
    }

    /** {@code validateConnectionPool}; also used for Sidecar pools. */
    public static void connectionPool(JsonNode cp, Findings f) {
        if (cp == null) {
            return;
        }
        JsonNode http = Json.get(cp, "http");
        JsonNode tcp = Json.get(cp, "tcp");
        if (http == null && tcp == null) {
            f.error("connection pool must have at least one field");
            return;
        }
        if (http != null) {
            if (Json.lng(http, "http1MaxPendingRequests") < 0) {
                f.error("http1 max pending requests must be non-negative");
            }
            if (Json.lng(http, "http2MaxRequests") < 0) {
                f.error("http2 max requests must be non-negative");
            }
            if (Json.lng(http, "maxRequestsPerConnection") < 0) {
                f.error("max requests per connection must be non-negative");
            }
            if (Json.lng(http, "maxRetries") < 0) {
                f.error("max retries must be non-negative");
            }
            if (Json.lng(http, "maxConcurrentStreams") < 0) {
                f.error("max concurrent streams must be non-negative");
            }
            duration(http, "idleTimeout", f);
            if (Json.enumName(http, "h2UpgradePolicy", "DEFAULT").equals("UPGRADE") && Json.bool(http, "useClientProtocol")) {
                f.error("use client protocol must not be true when H2UpgradePolicy is UPGRADE");
            }
            JsonNode ka = Json.get(http, "http2KeepAlive");
            if (ka != null) {
                if (!Json.has(ka, "interval")) {
                    f.error("http2 keepalive interval is required");
                } else {
                    duration(ka, "interval", f);
                }
                if (!Json.has(ka, "timeout")) {
                    f.error("http2 keepalive timeout is required");
                } else {
                    duration(ka, "timeout", f);
                }
            }
        }
        if (tcp != null) {
            if (Json.lng(tcp, "maxConnections") < 0) {
                f.error("max connections must be non-negative");
            }
            duration(tcp, "connectTimeout", f);
            duration(tcp, "maxConnectionDuration", f);
            if (Json.has(tcp, "idleTimeout") && Json.lng(tcp, "idleTimeout") != 0) {
                duration(tcp, "idleTimeout", f);
            }
            JsonNode ka = Json.get(tcp, "tcpKeepalive");
            if (ka != null) {
                duration(ka, "time", f);
                duration(ka, "interval", f);
            }
        }
    }

    static void loadBalancer(JsonNode lb, JsonNode outlier, Findings f) {
        if (lb == null) {
            return;
        }
        JsonNode ch = Json.get(lb, "consistentHash");
        if (ch != null) {
            JsonNode cookie = Json.get(ch, "httpCookie");
            if (cookie != null) {
                if (Json.str(cookie, "name").isEmpty()) {
                    f.error("name required for HttpCookie");
                }
                Set<String> seen = new java.util.HashSet<>();
                for (JsonNode a : Json.list(cookie, "attributes")) {
                    String n = Json.str(a, "name");
                    if (n.isEmpty()) {
                        f.error("cookie attribute name cannot be empty");
                    } else if (!seen.add(n)) {
                        f.error("duplicate cookie attribute name: " + n);
                    }
                }
            }
            long minRing = Json.lng(ch, "minimumRingSize");
            if (minRing != 0) {
                f.warn("consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
                if (Json.has(ch, "ringHash") || Json.has(ch, "maglev")) {
                    f.error("only one of MinimumRingSize or Maglev/Ringhash can be specified");
                }
            }
            JsonNode maglev = Json.get(ch, "maglev");
            if (maglev != null) {
                long ts = Json.lng(maglev, "tableSize");
                if (ts == 0) {
                    f.error("tableSize must be set for maglev");
                }
                if (ts >= 5000011) {
                    f.error("tableSize must be less than 5000011 for maglev");
                }
                if (!isEnvoyPrime(ts)) {
                    f.error("tableSize must be a prime number for maglev");
                }
            }
        }
        JsonNode locality = Json.get(lb, "localityLbSetting");
        JsonNode zoneAware = Json.get(lb, "zoneAwareLbSetting");
        if (locality != null && zoneAware != null) {
            f.error("only one of localityLbSetting and zoneAwareLbSetting can be set");
        }
        localityLbSetting(locality, outlier, f);
        zoneAwareLbSetting(zoneAware, outlier, f);
        JsonNode warmup = Json.get(lb, "warmup");
        if (warmup != null) {
            if (!Json.has(warmup, "duration")) {
                f.error("duration is required");
            } else {
                duration(warmup, "duration", f);
            }
            if (Json.has(warmup, "minimumPercent") && Json.dbl(warmup, "minimumPercent") > 100) {
                f.error("minimumPercent value should be less than or equal to 100");
            }
            if (Json.has(warmup, "aggression") && Json.dbl(warmup, "aggression") <= 0) {
                f.error("aggression should be greater than 0");
            }
        }
    }

    /** Envoy's primality test for maglev table sizes: 1, 2 and 3 count as prime, 0 does not. */
    static boolean isEnvoyPrime(long n) {
        if (n == 0) {
            return false;
        }
        if (n < 4) {
            return true;
        }
        if (n % 2 == 0 || n % 3 == 0) {
            return false;
        }
        for (long i = 5; i * i <= n; i += 6) {
            if (n % i == 0 || n % (i + 2) == 0) {
                return false;
            }
        }
        return true;
    }

    static void localityLbSetting(JsonNode lb, JsonNode outlier, Findings f) {
        if (lb == null) {
            return;
        }
        List<JsonNode> distribute = Json.list(lb, "distribute");
        List<JsonNode> failover = Json.list(lb, "failover");
        List<String> priority = Json.strings(lb, "failoverPriority");
        if (!distribute.isEmpty() && !failover.isEmpty()) {
            f.error("can not simultaneously specify 'distribute' and 'failover'");
            return;
        }
        if (!failover.isEmpty()) {
            for (String l : priority) {
                if (TOPOLOGY_LABELS.contains(l)) {
                    f.error("can not simultaneously set 'failover' and topology label '" + l + "' in 'failover_priority'");
                    return;
                }
            }
        }
        List<String> from = new ArrayList<>();
        List<String> destErrors = new ArrayList<>();
        for (JsonNode d : distribute) {
            from.add(Json.str(d, "from"));
            long total = 0;
            List<String> to = new ArrayList<>();
            JsonNode toMap = Json.get(d, "to");
            if (toMap != null) {
                Iterator<Map.Entry<String, JsonNode>> it = toMap.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    to.add(e.getKey());
                    long w = e.getValue().asLong();
                    if (w <= 0 || w > 100) {
                        f.error("locality weight must be in range [1, 100]");
                        return;
                    }
                    total += w;
                }
            }
            if (total != 100) {
                f.error("total locality weight " + total + " != 100");
                return;
            }
            String e = localitiesError(to);
            if (e != null) {
                destErrors.add(e);
            }
        }
        destErrors.forEach(f::error);
        String fe = localitiesError(from);
        if (fe != null) {
            f.error(fe);
        }
        if ((!failover.isEmpty() || !priority.isEmpty()) && outlier == null) {
            f.warn("outlier detection policy must be provided for failover");
        }
        for (JsonNode fo : failover) {
            String a = Json.str(fo, "from");
            String b = Json.str(fo, "to");
            if (a.equals(b)) {
                f.error("locality lb failover settings must specify different regions");
            }
            if (a.contains("/") || b.contains("/")) {
                f.error("locality lb failover only specify region");
            }
            if (a.contains("*") || b.contains("*")) {
                f.error("locality lb failover region should not contain '*' wildcard");
            }
        }
    }

    private static String localitiesError(List<String> localities) {
        Map<String, Map<String, Map<String, Boolean>>> m = new HashMap<>();
        for (String loc : localities) {
            long stars = loc.chars().filter(c -> c == '*').count();
            if (stars > 0 && (stars > 1 || !loc.endsWith("*"))) {
                return "locality " + loc + " wildcard '*' number can not exceed 1 and must be in the end";
            }
            String overlap = "locality " + loc + " overlap with previous specified ones";
            if (m.containsKey("*")) {
                return overlap;
            }
            String[] items = loc.split("/", 3);
            if (loc.isEmpty()) {
                items = new String[] {""};
            } else if (loc.endsWith("/") && items.length < 3) {
                // String.split drops a trailing empty item that Go's SplitN keeps.
                String[] withEmpty = new String[items.length + 1];
                System.arraycopy(items, 0, withEmpty, 0, items.length);
                withEmpty[items.length] = "";
                items = withEmpty;
            }
            for (String it : items) {
                if (it.isEmpty()) {
                    return "locality " + loc + " must not contain empty region/zone/subzone info";
                }
            }
            String region = items[0];
            switch (items.length) {
                case 1 -> {
                    if (m.containsKey(region)) {
                        return overlap;
                    }
                    Map<String, Map<String, Boolean>> z = new HashMap<>();
                    z.put("*", new HashMap<>(Map.of("*", true)));
                    m.put(region, z);
                }
                case 2 -> {
                    String zone = items[1];
                    Map<String, Map<String, Boolean>> z = m.get(region);
                    if (z != null) {
                        if (z.containsKey("*") || z.containsKey(zone)) {
                            return overlap;
                        }
                        z.put(zone, new HashMap<>(Map.of("*", true)));
                    } else {
                        z = new HashMap<>();
                        z.put(zone, new HashMap<>(Map.of("*", true)));
                        m.put(region, z);
                    }
                }
                default -> {
                    String zone = items[1];
                    String sub = items[2];
                    Map<String, Map<String, Boolean>> z = m.get(region);
                    if (z != null) {
                        if (z.containsKey("*")) {
                            return overlap;
                        }
                        Map<String, Boolean> s = z.get(zone);
                        if (s != null) {
                            if (s.containsKey("*") || s.containsKey(sub)) {
                                return overlap;
                            }
                            s.put(sub, true);
                        } else {
                            z.put(zone, new HashMap<>(Map.of(sub, true)));
                        }
                    } else {
                        z = new HashMap<>();
                        z.put(zone, new HashMap<>(Map.of(sub, true)));
                        m.put(region, z);
                    }
                }
            }
        }
        return null;
    }

    static void zoneAwareLbSetting(JsonNode z, JsonNode outlier, Findings f) {
        if (z == null) {
            return;
        }
        List<String> priority = Json.strings(z, "failoverPriority");
        for (String l : priority) {
            if (TOPOLOGY_LABELS.contains(l)) {
                f.error("'failover_priority' for zone aware lb must not use topology label '" + l
                        + "'; region- and zone-level routing are handled automatically");
            }
        }
        List<JsonNode> failover = Json.list(z, "failover");
        if ((!failover.isEmpty() || !priority.isEmpty()) && outlier == null) {
            f.warn("outlier detection policy must be provided for failover");
        }
        for (JsonNode fo : failover) {
            String a = Json.str(fo, "from");
            String b = Json.str(fo, "to");
            if (a.equals(b)) {
                f.error("zone aware lb failover settings must specify different regions");
            }
            if (a.contains("/") || b.contains("/")) {
                f.error("zone aware lb failover only specifies region; zone and subzone failover are handled automatically");
            }
            if (a.contains("*") || b.contains("*")) {
                f.error("zone aware lb failover region should not contain '*' wildcard");
            }
        }
    }

    /** Port-level settings: warnings inside are dropped, as Istio does. */
    static void portLevelSettings(String namespace, List<JsonNode> settings, Findings f) {
        for (JsonNode t : settings) {
            Findings inner = new Findings();
            if (!Json.has(t, "port")) {
                inner.error("portTrafficPolicy must have valid port");
            }
            if (!Json.has(t, "outlierDetection") && !Json.has(t, "connectionPool") && !Json.has(t, "loadBalancer")
                    && !Json.has(t, "tls")) {
                inner.error("port traffic policy must have at least one field");
            } else {
                outlierDetection(Json.get(t, "outlierDetection"), inner);
                connectionPool(Json.get(t, "connectionPool"), inner);
                loadBalancer(Json.get(t, "loadBalancer"), Json.get(t, "outlierDetection"), inner);
                ClientTls.validate(namespace, Json.get(t, "tls"), inner);
            }
            f.addErrors(inner);
        }
    }

    static void tunnel(JsonNode t, Findings f) {
        if (t == null) {
            return;
        }
        String proto = Json.str(t, "protocol");
        if (!proto.isEmpty() && !proto.equals("CONNECT") && !proto.equals("POST")) {
            f.error("tunnel protocol must be \"CONNECT\" or \"POST\"");
        }
        String host = Json.str(t, "targetHost");
        String fe = Hosts.fqdn(host);
        String ie = Addresses.ipAddress(host);
        if (fe != null && ie != null) {
            f.error("tunnel target host must be valid FQDN or IP address: " + fe + "; " + ie);
        }
        Numbers.port(Json.lng(t, "targetPort")).ifPresent(e -> f.error("tunnel target port is invalid: " + e));
    }
}
