package dev.meshhook.inject;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/**
 * What the injector decided for one pod. The admission adapter maps it onto an AdmissionResponse:
 * {@link Injected} → allowed with a JSONPatch, {@link Skipped} → allowed without patch,
 * {@link Failed} → allowed:false with the message (Istio's texts, inject-spec l.5).
 */
public sealed interface InjectionOutcome {

    /** The injection ran; {@code patch} is the RFC 6902 document (may be empty when nothing changed). */
    record Injected(ArrayNode patch, List<String> warnings) implements InjectionOutcome {}

    /** Policy decided not to inject; {@code reason} is the log/explain text. */
    record Skipped(String reason) implements InjectionOutcome {}

    /** Injection failed; {@code message} goes verbatim into {@code status.message}. */
    record Failed(String message) implements InjectionOutcome {}
}
