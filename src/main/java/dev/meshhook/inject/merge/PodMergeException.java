package dev.meshhook.inject.merge;

/**
 * Applying an overlay to a pod failed. The message already carries the inner Istio prefix
 * ({@code strategic merge: <reason>} or {@code unmarshal patched pod: <reason>}); callers add the outer one,
 * e.g. {@code failed applying injection overlay: } (inject-spec d.1 7b, l.5).
 */
public final class PodMergeException extends Exception {

    public PodMergeException(String message) {
        super(message);
    }
}
