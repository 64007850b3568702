package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;

/**
 * One complete HTTP answer of a webhook endpoint: status, content type and body bytes. Plain-text errors
 * follow Go's {@code http.Error} (message + newline, {@code text/plain; charset=utf-8}, {@code nosniff}).
 */
public record HttpAnswer(int status, String contentType, byte[] body, boolean nosniff) {

    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Go {@code http.Error(w, message, status)}. */
    public static HttpAnswer plainError(int status, String message) {
        return new HttpAnswer(status, TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.UTF_8), true);
    }

    /** HTTP 200 with an AdmissionReview document. */
    public static HttpAnswer review(JsonNode review) {
        try {
            return new HttpAnswer(200, APPLICATION_JSON, MAPPER.writeValueAsBytes(review), false);
        } catch (JsonProcessingException e) {
            // Jackson trees built by the codec always serialise; keep Istio's wording should that change.
            return plainError(500, "could not encode response: " + e.getOriginalMessage());
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
