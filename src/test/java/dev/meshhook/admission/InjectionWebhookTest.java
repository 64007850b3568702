package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionWebhookTest {

    private static final ObjectMapper M = new ObjectMapper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<InjectionRequest> seen = new ArrayList<>();
    private InjectionOutcome next;
    private final InjectionWebhook webhook = new InjectionWebhook(
            () -> Optional.of(request -> {
                seen.add(request);
                return next;
            }), new WebhookMetrics(registry));

    private static RequestBody body(String s) {
        return RequestBody.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String review(String apiVersion, String request) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"AdmissionReview\",\"request\":" + request + "}";
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void reusedOutcomesAnswerTheSameAndAreCounted() throws Exception {
        ArrayNode patch = M.createArrayNode();
        patch.addObject().put("op", "add").put("path", "/metadata/labels/x").put("value", "y");
        String req = review("admission.k8s.io/v1", "{\"uid\":\"u-1\",\"object\":{\"metadata\":{\"name\":\"p\"}}}");
        next = new InjectionOutcome.Injected(patch, List.of());
        HttpAnswer fresh = webhook.handle("/inject", "application/json", body(req));
        next = new InjectionOutcome.Injected(patch, List.of(), true);
        HttpAnswer reused = webhook.handle("/inject", "application/json", body(req));
        assertEquals(fresh.bodyText(), reused.bodyText());
        assertEquals(1.0, count(WebhookMetrics.INJECTION_REUSED));
    }

    @Test
    void injectedAnswerCarriesBase64PatchAndEchoesEnvelope() throws Exception {
        ArrayNode patch = M.createArrayNode();
        patch.addObject().put("op", "add").put("path", "/metadata/labels/x").put("value", "y");
        next = new InjectionOutcome.Injected(patch, List.of());
        HttpAnswer a = webhook.handle("/inject/cluster/c1", "application/json", body(review("admission.k8s.io/v1beta1",
                "{\"uid\":\"u-1\",\"namespace\":\"ns1\",\"object\":{\"metadata\":{\"name\":\"p\"}}}")));
        assertEquals(200, a.status());
        JsonNode r = M.readTree(a.body());
        assertEquals("admission.k8s.io/v1beta1", r.get("apiVersion").asText());
        assertEquals("u-1", r.at("/response/uid").asText());
        assertTrue(r.at("/response/allowed").asBoolean());
        assertEquals("JSONPatch", r.at("/response/patchType").asText());
        assertEquals(patch, M.readTree(Base64.getDecoder().decode(r.at("/response/patch").asText())));
        assertEquals("/inject/cluster/c1", seen.get(0).path());
        assertEquals("ns1", seen.get(0).namespace());
        assertEquals(1, count("sidecar_injection_requests"));
        assertEquals(1, count("sidecar_injection_success"));
        assertEquals(0, count("sidecar_injection_failure"));
        assertEquals(1, registry.get("sidecar_injection_time").timer().count());
    }

    @Test
    void managedFieldsNeverReachTheInjector() {
        next = new InjectionOutcome.Skipped("policy");
        webhook.handle("/inject", "application/json", body(review("admission.k8s.io/v1",
                "{\"uid\":\"u\",\"object\":{\"metadata\":{\"name\":\"p\",\"managedFields\":[{\"manager\":\"x\"}]}}}")));
        assertFalse(seen.get(0).pod().path("metadata").has("managedFields"));
        assertEquals("p", seen.get(0).pod().path("metadata").path("name").asText());
    }

    @Test
    void skippedIsAllowedWithoutPatch() throws Exception {
        next = new InjectionOutcome.Skipped("hostNetwork");
        HttpAnswer a = webhook.handle("/inject", "application/json", body(review("admission.k8s.io/v1",
                "{\"uid\":\"u\",\"object\":{\"spec\":{\"hostNetwork\":true}}}")));
        JsonNode resp = M.readTree(a.body()).get("response");
        assertTrue(resp.get("allowed").asBoolean());
        assertFalse(resp.has("patch"));
        assertFalse(resp.has("patchType"));
        assertEquals(1, count("sidecar_injection_skip"));
        assertEquals(1, count("sidecar_injection_success"));
    }

    @Test
    void failedIsDeniedWithMessageAndCountsAsBothFailureAndSuccess() throws Exception {
        next = new InjectionOutcome.Failed("failed to run injection template: boom");
        HttpAnswer a = webhook.handle("/inject", "application/json", body(review("admission.k8s.io/v1",
                "{\"uid\":\"u\",\"object\":{}}")));
        JsonNode resp = M.readTree(a.body()).get("response");
        assertFalse(resp.get("allowed").asBoolean());
        assertEquals("failed to run injection template: boom", resp.at("/status/message").asText());
        assertEquals("{}", resp.at("/status/metadata").toString());
        assertEquals(1, count("sidecar_injection_failure"));
        assertEquals(1, count("sidecar_injection_success"), "Istio counts every written response as success");
    }

    @Test
    void injectorExceptionBecomesDenialNot500() throws Exception {
        InjectionWebhook crashing = new InjectionWebhook(() -> Optional.of(r -> {
            throw new IllegalStateException("bug");
        }), new WebhookMetrics(registry));
        HttpAnswer a = crashing.handle("/inject", "application/json", body(review("admission.k8s.io/v1",
                "{\"uid\":\"u\",\"object\":{}}")));
        assertEquals(200, a.status());
        assertTrue(M.readTree(a.body()).at("/response/status/message").asText().contains("bug"));
    }

    @Test
    void httpLevelErrorsUseGoHttpErrorShape() {
        HttpAnswer tooLarge = webhook.handle("/inject", "application/json", RequestBody.overLimit());
        assertEquals(400, tooLarge.status());
        assertEquals("Request entity too large: limit is 6291456\n", tooLarge.bodyText());
        assertEquals("text/plain; charset=utf-8", tooLarge.contentType());
        assertTrue(tooLarge.nosniff());

        HttpAnswer empty = webhook.handle("/inject", "text/plain", RequestBody.of(new byte[0]));
        assertEquals(400, empty.status(), "empty body wins over content type");
        assertEquals("no body found\n", empty.bodyText());

        HttpAnswer ct = webhook.handle("/inject", "application/json; charset=utf-8", body("{}"));
        assertEquals(415, ct.status());
        assertEquals("invalid Content-Type, want `application/json`\n", ct.bodyText());
        HttpAnswer none = webhook.handle("/inject", null, body("{}"));
        assertEquals(415, none.status());
        assertEquals(4, count("sidecar_injection_failure"));
        assertEquals(0, count("sidecar_injection_success"));
        assertEquals(4, count("sidecar_injection_requests"));
    }

    @Test
    void undecodableBodyIs200DenialWithoutTypeMeta() throws Exception {
        HttpAnswer a = webhook.handle("/inject", "application/json", body("{not json"));
        assertEquals(200, a.status());
        JsonNode r = M.readTree(a.body());
        assertFalse(r.has("kind"));
        assertFalse(r.has("apiVersion"));
        assertEquals("", r.at("/response/uid").asText());
        assertFalse(r.at("/response/allowed").asBoolean());
        assertTrue(seen.isEmpty());
    }

    @Test
    void badRawObjectsGetGoJsonErrors() throws Exception {
        String[][] cases = {
                {"{\"uid\":\"u\"}", "unexpected end of JSON input"},
                {"{\"uid\":\"u\",\"object\":null}", "unexpected end of JSON input"},
                {"{\"uid\":\"u\",\"object\":[1]}", "json: cannot unmarshal array into Go value of type v1.Pod"},
                {"{\"uid\":\"u\",\"object\":\"pod\"}", "json: cannot unmarshal string into Go value of type v1.Pod"}};
        for (String[] c : cases) {
            HttpAnswer a = webhook.handle("/inject", "application/json", body(review("admission.k8s.io/v1", c[0])));
            JsonNode r = M.readTree(a.body());
            assertEquals("u", r.at("/response/uid").asText());
            assertEquals(c[1], r.at("/response/status/message").asText(), c[0]);
        }
        assertTrue(seen.isEmpty());
    }

    @Test
    void missingRequestIsDeniedNotCrashed() throws Exception {
        HttpAnswer a = webhook.handle("/inject", "application/json",
                body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"));
        JsonNode r = M.readTree(a.body());
        assertEquals("AdmissionReview", r.get("kind").asText());
        assertFalse(r.at("/response/allowed").asBoolean());
        assertEquals("could not decode object: request is missing", r.at("/response/status/message").asText());
    }

    @Test
    void noConfigurationYetIs503() {
        InjectionWebhook unconfigured = new InjectionWebhook(Optional::empty, new WebhookMetrics(registry));
        HttpAnswer a = unconfigured.handle("/inject", "application/json", body(review("admission.k8s.io/v1",
                "{\"uid\":\"u\",\"object\":{}}")));
        assertEquals(503, a.status());
    }

    @Test
    void podNamesAsIstioLogsThem() throws Exception {
        assertEquals("ns/web-abc***** (actual name not yet known)", InjectionWebhook.podName(
                (com.fasterxml.jackson.databind.node.ObjectNode) M.readTree("{\"metadata\":{\"generateName\":\"web-abc\"}}"),
                "ns"));
        assertEquals("a/p", InjectionWebhook.podName(
                (com.fasterxml.jackson.databind.node.ObjectNode) M.readTree(
                        "{\"metadata\":{\"name\":\"p\",\"namespace\":\"a\"}}"), "ns"));
    }
}
