package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.mapUint32Of;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** PeerAuthentication (security.istio.io), validation-spec §2.2.10. */
public final class PeerAuthenticationValidator implements KindValidator {
    private static final String P = "istio.security.v1beta1.";
    private static final ProtoType MUTUAL_TLS = message(P + "PeerAuthentication.MutualTLS")
        .field("mode", enumOf(P + "PeerAuthentication.MutualTLS.Mode", "UNSET", "DISABLE", "PERMISSIVE", "STRICT"));

    static final ProtoType SPEC = message(P + "PeerAuthentication")
        .field("selector", PolicyTargets.SELECTOR)
        .field("mtls", MUTUAL_TLS)
        .field("portLevelMtls", mapUint32Of(MUTUAL_TLS));

    @Override
    public String group() {
        return "security.istio.io";
    }

    @Override
    public String kind() {
        return "PeerAuthentication";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        JsonNode selector = Json.get(spec, "selector");
        JsonNode ports = Json.get(spec, "portLevelMtls");
        boolean emptySelector = selector == null || Json.size(selector, "matchLabels") == 0;
        if (emptySelector && ports != null && ports.size() != 0) {
            findings.error("mesh/namespace peer authentication cannot have port level mTLS");
        }
        if (ports != null && ports.size() == 0) {
            findings.error("port level mTLS, if defined, must have at least one element");
        }
        if (ports != null) {
            for (Iterator<String> it = ports.fieldNames(); it.hasNext(); ) {
                long port = Long.parseLong(it.next());
                if (port <= 0 || port > 65535) {
                    findings.error("port must be in range 1..65535");
                }
            }
        }
        Labels.validateWorkloadSelector(selector, findings);
    }
}
