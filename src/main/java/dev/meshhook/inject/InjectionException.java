package dev.meshhook.inject;

/** Injection failed; the message is Istio's error text (webhook {@code status.message}, kube-inject error). */
public final class InjectionException extends Exception {
    public InjectionException(String message) {
        super(message, null, false, false);
    }
}
