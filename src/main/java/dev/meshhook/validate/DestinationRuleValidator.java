package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** DestinationRule (§2.2.2). */
public final class DestinationRuleValidator implements KindValidator {

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "DestinationRule";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.DESTINATION_RULE;
    }

    @Override
    public void validate(Resource r, Findings f) {
        JsonNode spec = r.spec();
        String e = Hosts.wildcardDomain(Json.str(spec, "host"));
        if (e != null) {
            f.error(e);
        }
        TrafficPolicies.validate(r.namespace(), Json.get(spec, "trafficPolicy"), f);
        Set<String> names = new HashSet<>();
        for (JsonNode subset : Json.list(spec, "subsets")) {
            String name = Json.str(subset, "name");
            if (!names.add(name)) {
                f.error("duplicate subset names: " + name);
            }
            String se = Hosts.subsetName(name);
            if (se != null) {
                f.error(se);
            }
            for (String le : Labels.validateLabelMap(Json.get(subset, "labels"))) {
                f.errorInList(le);
            }
            // Warnings inside subset policies are dropped, as Istio does.
            Findings inner = new Findings();
            TrafficPolicies.validate(r.namespace(), Json.get(subset, "trafficPolicy"), inner);
            f.addErrors(inner);
        }
        JsonNode selector = Json.get(spec, "workloadSelector");
        List<String> exportTo = Json.strings(spec, "exportTo");
        ExportTo.validate(r.namespace(), exportTo, false, selector != null, f);
        Labels.validateWorkloadSelector(selector, f);
    }
}
