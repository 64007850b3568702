package dev.meshhook.validate;

/**
 * WorkloadEntry (networking.istio.io), validation-spec §2.2.7: Istio's {@code validateWorkloadEntry} with FQDN
 * addresses allowed and no service-port restriction (the rules themselves live in {@link WorkloadEntries}, shared
 * with ServiceEntry endpoints).
 */
public final class WorkloadEntryValidator implements KindValidator {

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
        WorkloadEntries.validate(resource.spec(), null, true, findings);
    }
}
