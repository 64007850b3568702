package dev.meshhook.validate;

/**
 * Validates the spec of one Istio kind (validation-spec §2.2). Implementations are stateless and
 * thread-safe; metadata checks common to every kind (§1.7) and spec decoding (§1.6) happen before,
 * in {@link ConfigValidator}. Register implementations in {@link KindValidators}.
 */
public interface KindValidator {

    /** API group, e.g. {@code networking.istio.io}. */
    String group();

    /** Kind, e.g. {@code VirtualService}. */
    String kind();

    /**
     * The proto message type of {@code spec}; the framework decodes the raw spec against it and
     * denies with {@code error decoding configuration: ...} when it does not fit.
     */
    ProtoType specType();

    /** Validates {@code resource.spec()} (already decoded against {@link #specType()}). */
    void validate(Resource resource, Findings findings);
}
