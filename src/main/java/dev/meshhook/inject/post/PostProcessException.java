package dev.meshhook.inject.post;

/** Post-processing rejected the pod; the message is Istio's text without the {@code failed to process pod: } prefix. */
public final class PostProcessException extends Exception {

    public PostProcessException(String message) {
        super(message);
    }
}
