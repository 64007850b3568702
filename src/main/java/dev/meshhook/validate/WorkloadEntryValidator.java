package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * WorkloadEntry (networking.istio.io), validation-spec §2.2.7. {@link #validateEntry} is also the endpoint check of
 * ServiceEntry (SE-10), where FQDN addresses are not allowed and port names must be service port names.
 */
public final class WorkloadEntryValidator implements KindValidator {
    private static final String UNIX_PREFIX = "unix://";

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "WorkloadEntry";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.WORKLOAD_ENTRY;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        validateEntry(resource.spec(), null, true, findings);
    }

    /**
     * Istio's {@code validateWorkloadEntry}.
     *
     * @param entry the decoded WorkloadEntry (or ServiceEntry endpoint)
     * @param servicePorts the ServiceEntry's port names, or null for a standalone WorkloadEntry
     * @param allowFqdnAddresses whether a non-IP address may be an FQDN
     */
    public static void validateEntry(JsonNode entry, Set<String> servicePorts, boolean allowFqdnAddresses, Findings findings) {
        String addr = Json.str(entry, "address");
        if (addr.isEmpty()) {
            String network = Json.str(entry, "network");
            if (network.isEmpty()) {
                findings.error("address is required");
                return;
            }
            findings.warn("address is unset with network " + GoFormat.quote(network));
        }
        JsonNode ports = Json.get(entry, "ports");
        boolean unixEndpoint = false;
        if (addr.startsWith(UNIX_PREFIX)) {
            unixEndpoint = true;
            String e = Addresses.unixAddress(addr.substring(UNIX_PREFIX.length()));
            if (e != null) {
                findings.error(e);
            }
            if (ports != null && ports.size() != 0) {
                findings.error("unix endpoint " + addr + " must not include ports");
            }
        } else if (!addr.isEmpty() && !Addresses.isIp(addr)) {
            if (!allowFqdnAddresses) {
                findings.error("endpoint address " + GoFormat.quote(addr) + " is not a valid IP address");
            } else if (Hosts.fqdn(addr) != null) {
                findings.error("endpoint address " + GoFormat.quote(addr) + " is not a valid FQDN or an IP address");
            }
        }
        if (ports != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                long number = p.getValue().asLong();
                if (servicePorts != null && !servicePorts.contains(p.getKey())) {
                    findings.error("endpoint port " + number + " is not defined by the service entry");
                }
                String nameErr = Hosts.portName(p.getKey());
                if (nameErr != null) {
                    findings.error(nameErr);
                }
                Numbers.port(number).ifPresent(findings::error);
            }
        }
        for (String e : Labels.validateLabelMap(Json.get(entry, "labels"))) {
            findings.errorInList(e);
        }
        if (unixEndpoint && servicePorts != null && servicePorts.size() != 1) {
            findings.error("exactly 1 service port required for unix endpoints");
        }
    }
}
