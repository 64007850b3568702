package dev.meshhook.validate;

/**
 * Validates the spec of one Istio kind (validation-spec §2.2). Implementations are stateless and
 * thread-safe; metadata checks common to every kind (§1.7) happen before, in the framework.
 */
public interface KindValidator {

    /** API group, e.g. {@code networking.istio.io}. */
    String group();

    /** Kind, e.g. {@code VirtualService}. */
    String kind();

    void validate(Resource resource, Findings findings);
}
