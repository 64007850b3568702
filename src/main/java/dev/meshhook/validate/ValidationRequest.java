package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an admission request that the validation decision uses (§1.4).
 *
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE}, ... (null treated as empty)
 * @param dryRun {@code request.dryRun}; it does not change the decision, only metrics/logging
 * @param object {@code request.object}; null or missing when absent
 * @param requestKind {@code request.kind.kind}, used only in the unknown-top-level-field message
 * @param requestNamespace {@code request.namespace}, used only in that message
 */
public record ValidationRequest(String operation, boolean dryRun, JsonNode object,
                                String requestKind, String requestNamespace) {

    /** A CREATE request for {@code object}, as the offline CLI validates files. */
    public static ValidationRequest create(JsonNode object) {
        String kind = object == null ? "" : object.path("kind").asText("");
        String ns = object == null ? "" : object.path("metadata").path("namespace").asText("");
        return new ValidationRequest("CREATE", false, object, kind, ns);
    }
}
