package dev.meshhook.inject;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/**
 * What the injector decided for one pod. The admission adapter maps it onto an AdmissionResponse:
 * {@link Injected} → allowed with a JSONPatch, {@link Skipped} → allowed without patch,
 * {@link Failed} → allowed:false with the message (Istio's texts, inject-spec l.5).
 */
public sealed interface InjectionOutcome {

    /**
     * The injection ran; {@code patch} is the RFC 6902 document (may be empty when nothing changed).
     * {@code fromCache}: the outcome of an identical earlier request was reused ({@link InjectionCache}); the patch
     * is shared and must not be modified.
     */
    record Injected(ArrayNode patch, List<String> warnings, boolean fromCache) implements InjectionOutcome {
        public Injected(ArrayNode patch, List<String> warnings) {
            this(patch, warnings, false);
        }
    }

    /** Policy decided not to inject; {@code reason} is the log/explain text. */
    record Skipped(String reason) implements InjectionOutcome {}

    /** Injection failed; {@code message} goes verbatim into {@code status.message}. */
    record Failed(String message) implements InjectionOutcome {}
}
