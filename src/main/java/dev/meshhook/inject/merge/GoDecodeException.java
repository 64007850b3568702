package dev.meshhook.inject.merge;

/** A JSON value could not be decoded into the Go k8s type; the message is Go's {@code encoding/json} text. */
public final class GoDecodeException extends Exception {

    public GoDecodeException(String message) {
        super(message);
    }
}
