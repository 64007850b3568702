package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code validateDestination} (§2.1.11): route destinations, mirrors, Sidecar egress proxy. */
public final class Destinations {
    private Destinations() {}

    public static void validate(JsonNode dest, Findings f) {
        if (dest == null) {
            return;
        }
        String host = Json.str(dest, "host");
        if (host.equals("*")) {
            f.error("invalid destination host *");
        } else {
            String e = Hosts.wildcardDomain(host);
            if (e != null) {
                f.error(e);
            }
        }
        String subset = Json.str(dest, "subset");
        if (!subset.isEmpty()) {
            String e = Hosts.subsetName(subset);
            if (e != null) {
                f.error(e);
            }
        }
        JsonNode port = Json.get(dest, "port");
        if (port != null) {
            Numbers.port(Json.lng(port, "number")).ifPresent(f::error);
        }
    }
}
