package dev.meshhook.inject;

/** A config, values or mesh document that cannot be used; the message says which input and why. */
public final class InjectorConfigException extends Exception {
    public InjectorConfigException(String message) {
        super(message);
    }

    public InjectorConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
