package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Gateway of networking.istio.io (§2.2.6). */
public final class GatewayValidator implements KindValidator {

    static final String GATEWAY_SEMANTICS_ANNOTATION = "internal.istio.io/gateway-semantics";
    private static final String UNIX_PREFIX = "unix://";

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "Gateway";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.GATEWAY;
    }

    @Override
    public void validate(Resource r, Findings f) {
        boolean gwSemantics = "gateway".equals(r.annotation(GATEWAY_SEMANTICS_ANNOTATION));
        if (!Hosts.isDnsLabel(r.name()) && !gwSemantics) {
            f.error("invalid gateway name: " + GoFormat.quote(r.name()));
        }
        List<JsonNode> servers = Json.list(r.spec(), "servers");
        if (servers.isEmpty()) {
            f.error("gateway must have at least one server");
        } else {
            for (JsonNode s : servers) {
                server(s, gwSemantics, f);
            }
        }
        Set<String> portNames = new HashSet<>();
        for (JsonNode s : servers) {
            JsonNode port = Json.get(s, "port");
            if (port == null) {
                continue;
            }
            String name = Json.str(port, "name");
            if (!portNames.add(name)) {
                f.error("port names in servers must be unique: duplicate name " + name);
            }
            JsonNode tls = Json.get(s, "tls");
            if (!Addresses.isHttpLike(Json.str(port, "protocol")) && Json.bool(tls, "httpsRedirect")) {
                f.warn("tls.httpsRedirect should only be used with http servers");
            }
        }
    }

    private static void server(JsonNode s, boolean gwSemantics, Findings f) {
        List<String> hosts = Json.strings(s, "hosts");
        if (hosts.isEmpty()) {
            f.error("server config must contain at least one host");
        } else {
            for (String h : hosts) {
                Hosts.namespaceSlashHost(h, true, gwSemantics, f);
            }
        }
        JsonNode port = Json.get(s, "port");
        String bind = Json.str(s, "bind");
        Findings portErrors = new Findings();
        serverPort(port, bind, portErrors);
        f.addAll(portErrors);
        if (bind.startsWith(UNIX_PREFIX)) {
            String e = Addresses.unixAddress(bind.substring(UNIX_PREFIX.length()));
            if (e != null) {
                f.error(e);
            }
            if (port != null && Json.lng(port, "number") != 0) {
                f.error("port number must be 0 for unix domain socket: " + portText(port));
            }
        } else if (!bind.isEmpty()) {
            String e = Addresses.ipAddress(bind);
            if (e != null) {
                f.error(e);
            }
        }
        JsonNode tls = Json.get(s, "tls");
        ServerTls.validate(tls, f);
        if (!portErrors.hasErrors()) {
            String proto = Json.str(port, "protocol");
            if (Addresses.isTlsLike(proto) && tls == null) {
                f.error("server must have TLS settings for HTTPS/TLS protocols");
            } else if (!Addresses.isTlsLike(proto) && tls != null) {
                if (Addresses.isHttpLike(proto)) {
                    String mode = ServerTls.mode(tls);
                    boolean passthrough = mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH");
                    if (!passthrough || !Json.str(tls, "caCertificates").isEmpty() || !Json.str(tls, "privateKey").isEmpty()
                            || !Json.str(tls, "serverCertificate").isEmpty()) {
                        f.error("server cannot have TLS settings for plain text HTTP ports");
                    }
                } else {
                    f.error("server cannot have TLS settings for non HTTPS/TLS ports");
                }
            }
        }
    }

    private static void serverPort(JsonNode port, String bind, Findings f) {
        if (port == null) {
            f.error("port is required");
            return;
        }
        String proto = Json.str(port, "protocol");
        if (proto.isEmpty() || Addresses.protocol(proto) != null) {
            f.error("invalid protocol " + GoFormat.quote(proto)
                    + ", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP");
        }
        long number = Json.lng(port, "number");
        if (number > 0 || !bind.startsWith(UNIX_PREFIX)) {
            Numbers.port(number).ifPresent(f::error);
        }
        if (Json.lng(port, "targetPort") > 0) {
            f.error("targetPort has no impact on Gateways");
        }
        if (Json.str(port, "name").isEmpty()) {
            f.error("port name must be set: " + portText(port));
        }
    }

    /** The Go proto text print of a Port (non-default fields only). */
    static String portText(JsonNode port) {
        StringBuilder sb = new StringBuilder();
        if (Json.lng(port, "number") != 0) {
            sb.append("number:").append(Json.lng(port, "number"));
        }
        for (String field : new String[] {"protocol", "name"}) {
            String v = Json.str(port, field);
            if (!v.isEmpty()) {
                sb.append(sb.length() > 0 ? " " : "").append(field).append(':').append(GoFormat.quote(v));
            }
        }
        if (Json.lng(port, "targetPort") != 0) {
            sb.append(sb.length() > 0 ? " " : "").append("target_port:").append(Json.lng(port, "targetPort"));
        }
        return sb.toString();
    }
}
