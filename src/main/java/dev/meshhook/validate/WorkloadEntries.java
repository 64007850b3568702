package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code validateWorkloadEntry} (WE-01..WE-05), shared by ServiceEntry endpoints and the
 * WorkloadEntry kind.
 */
public final class WorkloadEntries {
    private WorkloadEntries() {}

    private static final String UNIX_PREFIX = "unix://";

    /**
     * @param servicePorts the ServiceEntry's port names, or null for a standalone WorkloadEntry
     * @param allowFqdn whether the address may be an FQDN (standalone entries) or must be an IP
     * @return false when validation stopped early ({@code address is required})
     */
    public static boolean validate(JsonNode we, Set<String> servicePorts, boolean allowFqdn, Findings f) {
        String addr = Json.str(we, "address");
        if (addr.isEmpty()) {
            String network = Json.str(we, "network");
            if (network.isEmpty()) {
                f.error("address is required");
                return false;
            }
            f.warn("address is unset with network " + GoFormat.quote(network));
        }
        boolean unix = false;
        if (addr.startsWith(UNIX_PREFIX)) {
            unix = true;
            String e = Addresses.unixAddress(addr.substring(UNIX_PREFIX.length()));
            if (e != null) {
                f.error(e);
            }
            if (Json.size(we, "ports") != 0) {
                f.error("unix endpoint " + addr + " must not include ports");
            }
        } else if (!addr.isEmpty() && !Addresses.isIp(addr)) {
            if (!allowFqdn) {
                f.error("endpoint address " + GoFormat.quote(addr) + " is not a valid IP address");
            } else if (Hosts.fqdn(addr) != null) {
                f.error("endpoint address " + GoFormat.quote(addr) + " is not a valid FQDN or an IP address");
            }
        }
        endpointPorts(we, servicePorts, f);
        for (String e : Labels.validateLabelMap(Json.get(we, "labels"))) {
            f.errorInList(e);
        }
        if (unix && servicePorts != null && servicePorts.size() != 1) {
            f.error("exactly 1 service port required for unix endpoints");
        }
        return true;
    }

    /** Endpoint port map: names known to the service entry, port-name and port rules. */
    static void endpointPorts(JsonNode we, Set<String> servicePorts, Findings f) {
        JsonNode ports = Json.get(we, "ports");
        if (ports == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = ports.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            long port = e.getValue().asLong();
            if (servicePorts != null && !servicePorts.contains(e.getKey())) {
                f.error("endpoint port " + port + " is not defined by the service entry");
            }
            String pn = Hosts.portName(e.getKey());
            if (pn != null) {
                f.error(pn);
            }
            Numbers.port(port).ifPresent(f::error);
        }
    }
}
