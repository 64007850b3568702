package dev.meshhook.validate;

import java.util.List;

/**
 * The admission decision for one request.
 *
 * @param allowed whether the object is admitted
 * @param message the denial text for {@code response.status.message} (null when allowed)
 * @param warnings warnings for {@code response.warnings} (only ever non-empty when allowed)
 * @param reason the {@code galley_validation_failed} reason ({@code unsupported_operation},
 *     {@code yaml_decode_error}, {@code unknown_type}, {@code crd_conversion_error},
 *     {@code invalid_resource}), or null when the object passed full validation
 *     ({@code galley_validation_passed})
 */
public record ValidationOutcome(boolean allowed, String message, List<String> warnings, String reason) {

    public static final String REASON_UNSUPPORTED_OPERATION = "unsupported_operation";
    public static final String REASON_YAML_DECODE_ERROR = "yaml_decode_error";
    public static final String REASON_UNKNOWN_TYPE = "unknown_type";
    public static final String REASON_CRD_CONVERSION_ERROR = "crd_conversion_error";
    public static final String REASON_INVALID_RESOURCE = "invalid_resource";

    public ValidationOutcome {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    static ValidationOutcome deny(String message, String reason) {
        return new ValidationOutcome(false, message, List.of(), reason);
    }

    /** True when the outcome counts as "passed" for metrics (full validation, allowed). */
    public boolean passed() {
        return allowed && reason == null;
    }
}
