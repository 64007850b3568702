package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshhook.validate.ConfigValidator;
import dev.meshhook.validate.ValidationOutcome;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationWebhookTest {

    private static final ObjectMapper M = new ObjectMapper();
    private final WebhookMetrics metrics = new WebhookMetrics(new SimpleMeterRegistry());

    private static RequestBody body(String s) {
        return RequestBody.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String review(String op, boolean dryRun, String object) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"v-1\","
                + "\"operation\":\"" + op + "\",\"dryRun\":" + dryRun + ",\"namespace\":\"ns\","
                + "\"kind\":{\"kind\":\"Thing\"},\"resource\":{\"group\":\"g.io\",\"version\":\"v1\",\"resource\":\"things\"},"
                + "\"object\":" + object + "}}";
    }

    private static Tags resource() {
        return Tags.of("group", "g.io", "version", "v1", "resource", "things");
    }

    private static ValidationWebhook fixed(WebhookMetrics metrics, ValidationOutcome outcome) {
        return new ValidationWebhook(request -> outcome, metrics);
    }

    @Test
    void allowedWithWarningsCountsPassed() throws Exception {
        ValidationWebhook w = fixed(metrics, new ValidationOutcome(true, null, List.of("careful"), null));
        JsonNode r = M.readTree(w.handle("/validate", "application/json", body(review("CREATE", false, "{}"))).body());
        assertTrue(r.at("/response/allowed").asBoolean());
        assertEquals("careful", r.at("/response/warnings/0").asText());
        assertFalse(r.get("response").has("status"));
        assertEquals(1, metrics.validationCount(WebhookMetrics.VALIDATION_PASSED, resource()));
    }

    @Test
    void deniedDropsWarningsAndCountsFailedUnlessDryRun() throws Exception {
        ValidationWebhook w = fixed(metrics, new ValidationOutcome(false, "configuration is invalid: x",
                List.of("ignored"), ValidationOutcome.REASON_INVALID_RESOURCE));
        JsonNode r = M.readTree(w.handle("/validate", "application/json", body(review("CREATE", false, "{}"))).body());
        assertFalse(r.at("/response/allowed").asBoolean());
        assertEquals("configuration is invalid: x", r.at("/response/status/message").asText());
        assertFalse(r.get("response").has("warnings"));
        w.handle("/validate", "application/json", body(review("CREATE", true, "{}")));
        assertEquals(1, metrics.validationCount(WebhookMetrics.VALIDATION_FAILED,
                resource().and("reason", "invalid_resource")), "dry-run is not counted as failed");
    }

    @Test
    void unsupportedOperationIsAllowedButCountedAsFailed() throws Exception {
        ValidationWebhook w = new ValidationWebhook(new ConfigValidator(), metrics);
        JsonNode r = M.readTree(w.handle("/validate", "application/json", body(review("DELETE", false, "null"))).body());
        assertTrue(r.at("/response/allowed").asBoolean());
        assertEquals(1, metrics.validationCount(WebhookMetrics.VALIDATION_FAILED,
                resource().and("reason", "unsupported_operation")));
    }

    @Test
    void validatorCrashBecomesDenialNot500() throws Exception {
        HttpAnswer a = new ValidationWebhook(request -> {
            throw new IllegalStateException("bug");
        }, metrics).handle("/validate", "application/json",
                body(review("CREATE", false, "{}")));
        assertEquals(200, a.status());
        assertTrue(M.readTree(a.body()).at("/response/status/message").asText().contains("bug"));
    }

    @Test
    void httpErrorsCountByStatusButNotForOversizedBodies() {
        ValidationWebhook w = new ValidationWebhook(new ConfigValidator(), metrics);
        assertEquals(400, w.handle("/validate", "application/json", RequestBody.overLimit()).status());
        assertEquals(400, w.handle("/validate", "application/json", RequestBody.of(new byte[0])).status());
        assertEquals(415, w.handle("/validate", "application/x-yaml", body("{}")).status());
        assertEquals(1, metrics.validationCount(WebhookMetrics.VALIDATION_HTTP_ERROR, Tags.of("status", "400")));
        assertEquals(1, metrics.validationCount(WebhookMetrics.VALIDATION_HTTP_ERROR, Tags.of("status", "415")));
    }

    @Test
    void undecodableBodyGetsCouldNotDecodeBodyPrefix() throws Exception {
        ValidationWebhook w = new ValidationWebhook(new ConfigValidator(), metrics);
        JsonNode r = M.readTree(w.handle("/validate", "application/json", body("[]")).body());
        assertFalse(r.has("kind"));
        assertTrue(r.at("/response/status/message").asText().startsWith("could not decode body: "));
    }
}
