package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ServiceEntry (§2.2.3), including the resolution matrix. */
public final class ServiceEntryValidator implements KindValidator {

    static final String AUTOALLOCATE_LABEL = "networking.istio.io/enable-autoallocate-ip";
    static final String USE_WAYPOINT_LABEL = "istio.io/use-waypoint";
    /** istiod's {@code PILOT_ENABLE_IP_AUTOALLOCATE} default. */
    private final boolean ipAutoallocate;

    public ServiceEntryValidator() {
        this(true);
    }

    /** @param ipAutoallocate the value of istiod's {@code PILOT_ENABLE_IP_AUTOALLOCATE} being emulated */
    public ServiceEntryValidator(boolean ipAutoallocate) {
        this.ipAutoallocate = ipAutoallocate;
    }

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "ServiceEntry";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.SERVICE_ENTRY;
    }

    @Override
    public void validate(Resource r, Findings f) {
        JsonNode spec = r.spec();
        JsonNode selector = Json.get(spec, "workloadSelector");
        if (!Labels.checkAlphaSelector(selector, "service entry", f)) {
            return;
        }
        List<JsonNode> endpoints = Json.list(spec, "endpoints");
        if (selector != null && !endpoints.isEmpty()) {
            f.error("only one of WorkloadSelector or Endpoints is allowed in Service Entry");
        }
        List<String> hosts = Json.strings(spec, "hosts");
        if (hosts.isEmpty()) {
            f.error("service entry must have at least one host");
        }
        JsonNode resNode = Json.get(spec, "resolution");
        String resolution = resNode == null ? "NONE" : resNode.isNumber() ? "" : resNode.asText();
        for (String h : hosts) {
            if (h.equals("*")) {
                f.error("invalid host *");
            } else {
                String e = Hosts.wildcardDomain(h);
                if (e != null) {
                    f.error(e);
                }
                if (!resolution.equals("DYNAMIC_DNS")) {
                    String w = Hosts.partialWildcard(h);
                    if (w != null) {
                        f.warn(w);
                    }
                }
            }
        }
        List<String> addresses = Json.strings(spec, "addresses");
        boolean cidr = false;
        for (String a : addresses) {
            cidr |= a.contains("/");
            String e = Addresses.ipSubnet(a);
            if (e != null) {
                f.error(e);
            }
        }
        if (cidr && !resolution.equals("NONE") && !resolution.equals("STATIC")) {
            f.error("CIDR addresses are allowed only for NONE/STATIC resolution types");
        }
        String autoLabel = r.label(AUTOALLOCATE_LABEL);
        boolean autoAllocation = ipAutoallocate && !resolution.equals("NONE")
                && !(autoLabel != null && autoLabel.equalsIgnoreCase("false")) && addresses.isEmpty();
        List<JsonNode> ports = Json.list(spec, "ports");
        Set<String> portNames = new HashSet<>();
        Set<Long> portNumbers = new HashSet<>();
        for (JsonNode p : ports) {
            String name = Json.str(p, "name");
            long number = Json.lng(p, "number");
            String proto = Json.str(p, "protocol");
            if (!portNames.add(name)) {
                f.error("service entry port name " + GoFormat.quote(name) + " already defined");
            }
            if (!portNumbers.add(number)) {
                f.error("service entry port " + number + " already defined");
            }
            if (Json.lng(p, "targetPort") != 0) {
                Numbers.port(Json.lng(p, "targetPort")).ifPresent(f::error);
            }
            if (addresses.isEmpty() && !autoAllocation && (proto.isEmpty() || proto.equals("TCP"))) {
                f.warn("addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled");
            }
            String e = Hosts.portName(name);
            if (e != null) {
                f.error(e);
            }
            e = Addresses.protocol(proto);
            if (e != null) {
                f.error(e);
            }
            Numbers.port(number).ifPresent(f::error);
        }
        switch (resolution) {
            case "NONE" -> {
                if (!endpoints.isEmpty()) {
                    f.error("no endpoints should be provided for resolution type none");
                }
                if (selector != null) {
                    f.warn("workloadSelector should not be set when resolution mode is NONE");
                }
            }
            case "STATIC" -> {
                for (JsonNode ep : endpoints) {
                    WorkloadEntries.validate(ep, portNames, false, f);
                }
            }
            case "DNS", "DNS_ROUND_ROBIN" -> dns(resolution, hosts, addresses, ports, endpoints, portNames, f);
            case "DYNAMIC_DNS" -> dynamicDns(r, spec, hosts, addresses, ports, endpoints, f);
            default -> f.error("unsupported resolution type " + resolution);
        }
        if (!resolution.equals("NONE") && hosts.size() > 1) {
            for (JsonNode p : ports) {
                String proto = Json.str(p, "protocol");
                if (!Addresses.isHttpLike(proto) && !Addresses.isTlsLike(proto)) {
                    f.error("multiple hosts provided with non-HTTP, non-TLS ports");
                    break;
                }
            }
        }
        ExportTo.validate(r.namespace(), Json.strings(spec, "exportTo"), true, false, f);
    }

    private static void dns(String resolution, List<String> hosts, List<String> addresses, List<JsonNode> ports,
                            List<JsonNode> endpoints, Set<String> portNames, Findings f) {
        if (endpoints.isEmpty()) {
            for (String h : hosts) {
                String e = Hosts.fqdn(h);
                if (e != null) {
                    f.error("hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode "
                            + resolution + ", " + e);
                    break;
                }
            }
        }
        if (resolution.equals("DNS_ROUND_ROBIN") && endpoints.size() > 1) {
            f.error("there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN");
        }
        for (JsonNode ep : endpoints) {
            String addr = Json.str(ep, "address");
            if (!Addresses.isIp(addr) && Hosts.fqdn(addr) != null) {
                f.error("endpoint address " + GoFormat.quote(addr) + " is not a valid FQDN or an IP address");
            }
            for (String e : Labels.validateLabelMap(Json.get(ep, "labels"))) {
                f.errorInList(e);
            }
            WorkloadEntries.endpointPorts(ep, portNames, f);
        }
        if (!addresses.isEmpty()) {
            for (JsonNode p : ports) {
                if (Addresses.isTcpLike(Json.str(p, "protocol"))) {
                    if (hosts.size() > 1) {
                        f.warn("service entry can not have more than one host specified simultaneously with address and tcp port");
                    }
                    break;
                }
            }
        }
    }

    private static void dynamicDns(Resource r, JsonNode spec, List<String> hosts, List<String> addresses,
                                   List<JsonNode> ports, List<JsonNode> endpoints, Findings f) {
        if (hosts.isEmpty()) {
            f.error("at least one wildcard host must be provided for resolution type DYNAMIC_DNS");
        }
        for (String h : hosts) {
            if (!h.startsWith("*")) {
                f.error("host must be wildcarded for resolution mode DYNAMIC_DNS");
            }
        }
        if (!addresses.isEmpty()) {
            f.error("addresses cannot be set for resolution type DYNAMIC_DNS. HTTP route domains will only be generated"
                    + "from the hosts field values");
        }
        if (!endpoints.isEmpty()) {
            f.error("endpoints cannot be set for resolution type DYNAMIC_DNS. Destination IP address determined from hosts"
                    + "field values");
        }
        for (JsonNode p : ports) {
            String proto = Json.str(p, "protocol").toUpperCase(Locale.ROOT);
            if (!proto.equals("HTTP") && !proto.equals("TLS") && !proto.equals("GRPC") && !proto.equals("HTTP2")) {
                f.error("only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type DYNAMIC_DNS");
            }
        }
        JsonNode loc = Json.get(spec, "location");
        if (loc != null && loc.isNumber()) {
            f.error("location must be MESH_EXTERNAL or MESH_INTERNAL for resolution type DYNAMIC_DNS");
        } else if (loc != null && loc.asText().equals("MESH_INTERNAL")) {
            String wp = r.label(USE_WAYPOINT_LABEL);
            if (wp != null && !wp.isEmpty() && !wp.equalsIgnoreCase("none")) {
                f.error("location MESH_INTERNAL with resolution type DYNAMIC_DNS is not supported when using waypoints");
            }
        }
    }
}
