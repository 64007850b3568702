package dev.meshhook.admission;

/**
 * A request body as the HTTP layer read it, capped like Istio's {@code HTTPConfigReader}: at most
 * {@link #LIMIT} bytes; one byte more marks it too large and the rest is never buffered.
 */
public record RequestBody(byte[] bytes, boolean tooLarge) {

    /** Istio's admission body limit, 6 MiB (inject-spec a.2, validation-spec 1.2). */
    public static final int LIMIT = 6 * 1024 * 1024;

    /** The only accepted request Content-Type, compared exactly as Istio does (no parameters). */
    public static final String JSON = "application/json";

    public static RequestBody of(byte[] bytes) {
        return new RequestBody(bytes, false);
    }

    public static RequestBody overLimit() {
        return new RequestBody(new byte[0], true);
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public String tooLargeMessage() {
        return "Request entity too large: limit is " + LIMIT;
    }
}
