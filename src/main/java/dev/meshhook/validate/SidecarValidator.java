package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sidecar (§2.2.4). */
public final class SidecarValidator implements KindValidator {

    private static final String UNIX_PREFIX = "unix://";
    /** MeshConfig's ALLOW_ANY_DYNAMIC_DNS number, which the Sidecar enum does not name. */
    private static final long ALLOW_ANY_DYNAMIC_DNS = 2;

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "Sidecar";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.SIDECAR;
    }

    @Override
    public void validate(Resource r, Findings f) {
        JsonNode spec = r.spec();
        JsonNode selector = Json.get(spec, "workloadSelector");
        if (!Labels.checkAlphaSelector(selector, "sidecar", f)) {
            return;
        }
        List<JsonNode> ingress = Json.list(spec, "ingress");
        List<JsonNode> egress = Json.list(spec, "egress");
        if (ingress.isEmpty() && egress.isEmpty() && !Json.has(spec, "outboundTrafficPolicy")
                && !Json.has(spec, "inboundConnectionPool")) {
            f.error("sidecar: empty configuration provided");
            return;
        }
        Set<Long> ports = new HashSet<>();
        for (JsonNode in : ingress) {
            ingressListener(in, ports, f);
        }
        TrafficPolicies.connectionPool(Json.get(spec, "inboundConnectionPool"), f);
        ports.clear();
        Set<String> uds = new HashSet<>();
        boolean catchAllFound = false;
        for (int i = 0; i < egress.size(); i++) {
            JsonNode eg = egress.get(i);
            JsonNode port = Json.get(eg, "port");
            if (port == null) {
                if (!catchAllFound) {
                    if (i == egress.size() - 1) {
                        catchAllFound = true;
                    } else {
                        f.error("sidecar: the egress listener with empty port should be the last listener in the list");
                    }
                } else {
                    f.error("sidecar: egress can have only one listener with empty port");
                    continue;
                }
            } else {
                if (Json.lng(port, "targetPort") > 0) {
                    f.error("targetPort has no impact on Sidecars");
                }
                String bind = Json.str(eg, "bind");
                egressPort(port, bind, Json.enumName(eg, "captureMode", "DEFAULT"), f);
                long number = Json.lng(port, "number");
                if (number == 0) {
                    if (!uds.add(bind)) {
                        f.error("sidecar: unix domain socket values for listeners must be unique");
                    }
                } else if (!ports.add(number)) {
                    f.error("sidecar: ports on IP bound listeners must be unique");
                }
            }
            egressHosts(r.namespace(), Json.strings(eg, "hosts"), f);
        }
        outboundTrafficPolicy(Json.get(spec, "outboundTrafficPolicy"), f);
    }

    private static void ingressListener(JsonNode in, Set<Long> ports, Findings f) {
        JsonNode port = Json.get(in, "port");
        if (port == null) {
            f.error("sidecar: port is required for ingress listeners");
            return;
        }
        if (Json.lng(port, "targetPort") > 0) {
            f.error("targetPort has no impact on Sidecars");
        }
        String bind = Json.str(in, "bind");
        if (!bind.isEmpty()) {
            addIfError(Addresses.ipAddress(bind), f);
        }
        String name = Json.str(port, "name");
        if (!name.isEmpty()) {
            addIfError(Hosts.portName(name), f);
        }
        String proto = Json.str(port, "protocol");
        addIfError(Addresses.protocol(proto), f);
        long number = Json.lng(port, "number");
        Numbers.port(number).ifPresent(f::error);
        if (!ports.add(number)) {
            f.error("sidecar: ports on IP bound listeners must be unique");
        }
        String de = Json.str(in, "defaultEndpoint");
        if (!de.isEmpty()) {
            defaultEndpoint(de, f);
        }
        JsonNode tls = Json.get(in, "tls");
        if (tls != null) {
            if (Json.size(tls, "subjectAltNames") > 0) {
                f.error("sidecar: subjectAltNames is not supported in ingress tls");
            }
            if (Json.bool(tls, "httpsRedirect")) {
                f.error("sidecar: httpsRedirect is not supported");
            }
            if (!Json.str(tls, "credentialName").isEmpty()) {
                f.error("sidecar: credentialName is not currently supported");
            }
            if (Json.size(tls, "credentialNames") > 0) {
                f.error("sidecar: credentialNames is not currently supported");
            }
            if (Json.size(tls, "tlsCertificates") > 0) {
                f.error("sidecar: tls_certificates is not currently supported");
            }
            String mode = ServerTls.mode(tls);
            if (mode.equals("ISTIO_MUTUAL") || mode.equals("AUTO_PASSTHROUGH")) {
                // Istio embeds the prefix in the message itself, so it appears twice (§5 item 15).
                f.error("configuration is invalid: cannot set mode to " + mode + " in sidecar ingress tls");
            }
            if (!Addresses.isTlsLike(proto)) {
                f.error("server cannot have TLS settings for non HTTPS/TLS ports");
            }
            ServerTls.validate(tls, f);
        }
        JsonNode pool = Json.get(in, "connectionPool");
        TrafficPolicies.connectionPool(pool, f);
        if (pool != null && Json.has(pool, "http") && !Addresses.isHttpLike(proto)) {
            f.warn("sidecar: HTTP connection pool settings are configured for port " + number + " (" + GoFormat.quote(name)
                    + ") but its protocol is not HTTP (" + protocolName(proto) + "); only TCP settings will apply");
        }
    }

    /** Go's {@code protocol.Parse(p)} printed: canonical name, or UnsupportedProtocol. */
    private static String protocolName(String p) {
        return switch (p.toLowerCase(java.util.Locale.ROOT)) {
            case "tcp" -> "TCP";
            case "udp" -> "UDP";
            case "grpc" -> "GRPC";
            case "grpc-web" -> "GRPC-Web";
            case "http" -> "HTTP";
            case "http_proxy" -> "HTTP_PROXY";
            case "http2" -> "HTTP2";
            case "https" -> "HTTPS";
            case "tls" -> "TLS";
            case "mongo" -> "Mongo";
            case "redis" -> "Redis";
            case "mysql" -> "MySQL";
            default -> "UnsupportedProtocol";
        };
    }

    private static void defaultEndpoint(String de, Findings f) {
        if (de.startsWith(UNIX_PREFIX)) {
            addIfError(Addresses.unixAddress(de.substring(UNIX_PREFIX.length())), f);
            return;
        }
        String[] hp = new String[2];
        String err = splitHostPort(de, hp);
        if (err != null) {
            f.error(err);
            return;
        }
        String host = hp[0];
        if (!host.isEmpty() && !host.equals("127.0.0.1") && !host.equals("0.0.0.0") && !host.equals("::1") && !host.equals("::")) {
            f.error("sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset");
        }
        String port = hp[1];
        if (!Hosts.isGoAtoi(port)) {
            f.error("sidecar: defaultEndpoint port (" + port + ") is not a number: strconv.Atoi: parsing " + GoFormat.quote(port)
                    + ": " + (port.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
        } else {
            Numbers.port(Long.parseLong(port.startsWith("+") ? port.substring(1) : port)).ifPresent(f::error);
        }
    }

    /** Go {@code net.SplitHostPort}; fills host/port and returns null, or returns the error text. */
    static String splitHostPort(String hp, String[] out) {
        int i = hp.lastIndexOf(':');
        if (i < 0) {
            return addrErr(hp, "missing port in address");
        }
        int j = 0;
        int k = 0;
        String host;
        if (hp.startsWith("[")) {
            int end = hp.indexOf(']');
            if (end < 0) {
                return addrErr(hp, "missing ']' in address");
            }
            if (end + 1 == hp.length()) {
                return addrErr(hp, "missing port in address");
            } else if (end + 1 != i) {
                return hp.charAt(end + 1) == ':' ? addrErr(hp, "too many colons in address")
                        : addrErr(hp, "missing port in address");
            }
            host = hp.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hp.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return addrErr(hp, "too many colons in address");
            }
        }
        if (hp.indexOf('[', j) >= 0) {
            return addrErr(hp, "unexpected '[' in address");
        }
        if (hp.indexOf(']', k) >= 0) {
            return addrErr(hp, "unexpected ']' in address");
        }
        out[0] = host;
        out[1] = hp.substring(i + 1);
        return null;
    }

    private static String addrErr(String addr, String why) {
        return "address " + addr + ": " + why;
    }

    private static void egressPort(JsonNode port, String bind, String captureMode, Findings f) {
        String name = Json.str(port, "name");
        if (!name.isEmpty()) {
            addIfError(Hosts.portName(name), f);
        }
        String proto = Json.str(port, "protocol");
        long number = Json.lng(port, "number");
        if (number == 0) {
            addIfError(Addresses.protocol(proto), f);
            if (!bind.startsWith(UNIX_PREFIX)) {
                f.error("sidecar: ports with 0 value must have a unix domain socket bind address");
            } else {
                addIfError(Addresses.unixAddress(bind.substring(UNIX_PREFIX.length())), f);
            }
            if (!captureMode.equals("DEFAULT") && !captureMode.equals("NONE")) {
                f.error("sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners");
            }
        } else {
            addIfError(Addresses.protocol(proto), f);
            Numbers.port(number).ifPresent(f::error);
            if (!bind.isEmpty()) {
                addIfError(Addresses.ipAddress(bind), f);
            }
        }
    }

    private static void egressHosts(String namespace, List<String> hosts, Findings f) {
        if (hosts.isEmpty()) {
            f.error("sidecar: egress listener must contain at least one host");
            return;
        }
        Map<String, Set<String>> nsSvcs = new HashMap<>();
        for (String h : hosts) {
            int slash = h.indexOf('/');
            if (slash >= 0 && !h.startsWith("~")) {
                String ns = h.substring(0, slash);
                String svc = h.substring(slash + 1);
                if (ns.equals(".")) {
                    ns = namespace;
                }
                Set<String> svcs = nsSvcs.computeIfAbsent(ns, x -> new HashSet<>());
                if (!svc.equals("*")) {
                    if (svcs.contains(svc) || svcs.contains("*")) {
                        f.warn("duplicated egress host: " + h);
                    }
                } else if (!svcs.isEmpty()) {
                    f.warn("duplicated egress host: " + h);
                }
                svcs.add(svc);
            }
            Hosts.namespaceSlashHost(h, false, false, f);
        }
        Set<String> all = nsSvcs.get("*");
        if (all != null && all.contains("*") && nsSvcs.size() != 1) {
            f.warn("`*/*` host select all resources, no other hosts can be added");
        }
    }

    private static void outboundTrafficPolicy(JsonNode tp, Findings f) {
        if (tp == null) {
            return;
        }
        JsonNode modeNode = Json.get(tp, "mode");
        if (modeNode != null && modeNode.isNumber() && modeNode.asLong() == ALLOW_ANY_DYNAMIC_DNS) {
            f.error("sidecar: ALLOW_ANY_DYNAMIC_DNS mode is only supported in MeshConfig, not in Sidecar resource");
        }
        JsonNode proxy = Json.get(tp, "egressProxy");
        if (proxy == null) {
            return;
        }
        String mode = modeNode == null ? "REGISTRY_ONLY" : modeNode.asText();
        if (!mode.equals("ALLOW_ANY")) {
            f.error("sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
            return;
        }
        addIfError(Hosts.fqdn(Json.str(proxy, "host")), f);
        if (!Json.has(proxy, "port")) {
            f.error("sidecar: egress_proxy port must be non-nil");
            return;
        }
        Destinations.validate(proxy, f);
    }

    private static void addIfError(String e, Findings f) {
        if (e != null) {
            f.error(e);
        }
    }
}
