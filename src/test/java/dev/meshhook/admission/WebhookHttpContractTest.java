package dev.meshhook.admission;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP contract of /inject and /validate over the real HTTP stack: every bad input class gets Istio's
 * status and body, never a 500, and the server keeps serving afterwards.
 */
@QuarkusTest
class WebhookHttpContractTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    private static final String[] ENDPOINTS = {"/inject", "/validate"};

    static String review(String apiVersion, String request) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"AdmissionReview\",\"request\":" + request + "}";
    }

    static String routeReview(String op, boolean dryRun, String extraTopLevel) {
        return review("admission.k8s.io/v1", "{\"uid\":\"r-1\",\"operation\":\"" + op + "\",\"dryRun\":" + dryRun
                + ",\"namespace\":\"ns\",\"kind\":{\"group\":\"gateway.networking.k8s.io\",\"version\":\"v1\","
                + "\"kind\":\"HTTPRoute\"},\"resource\":{\"group\":\"gateway.networking.k8s.io\",\"version\":\"v1\","
                + "\"resource\":\"httproutes\"},\"object\":{\"apiVersion\":\"gateway.networking.k8s.io/v1\","
                + "\"kind\":\"HTTPRoute\",\"metadata\":{\"name\":\"r\",\"namespace\":\"ns\"},\"spec\":{}"
                + extraTopLevel + "}}");
    }

    private static Response post(String path, String contentType, byte[] body) {
        var spec = given().urlEncodingEnabled(false);
        if (contentType != null) {
            spec = spec.contentType(contentType);
        }
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.when().post(path);
    }

    private static Response post(String path, String body) {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodyOverSixMebibytesGetsIstios400NotA413() {
        byte[] sevenMiB = new byte[7 * 1024 * 1024];
        Arrays.fill(sevenMiB, (byte) 'a');
        for (String path : ENDPOINTS) {
            post(path, "application/json", sevenMiB).then().statusCode(400)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(equalTo("Request entity too large: limit is 6291456\n"));
        }
        byte[] exactlyLimit = new byte[6 * 1024 * 1024];
        Arrays.fill(exactlyLimit, (byte) ' ');
        exactlyLimit[0] = '{';
        exactlyLimit[exactlyLimit.length - 1] = '}';
        // at the limit the body is read and decoded: no 400
        post("/validate", "application/json", exactlyLimit).then().statusCode(200)
                .body("response.allowed", equalTo(false));
        serverStillServes();
    }

    @Test
    void emptyBodyThenContentType() {
        for (String path : ENDPOINTS) {
            post(path, "text/plain", new byte[0]).then().statusCode(400).body(equalTo("no body found\n"));
            post(path, null, null).then().statusCode(400).body(equalTo("no body found\n"));
            post(path, "application/json; charset=utf-8", "{}".getBytes(StandardCharsets.UTF_8)).then()
                    .statusCode(415).header("Content-Type", "text/plain; charset=utf-8")
                    .body(equalTo("invalid Content-Type, want `application/json`\n"));
            post(path, "text/yaml", "a: b".getBytes(StandardCharsets.UTF_8)).then().statusCode(415);
        }
        serverStillServes();
    }

    @Test
    void malformedJsonIs200DenialWithoutTypeMeta() {
        post("/validate", "{\"apiVersion\": ").then().statusCode(200)
                .body("$", not(hasKey("kind"))).body("$", not(hasKey("apiVersion")))
                .body("response.uid", equalTo("")).body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("could not decode body: "));
        post("/inject", "{\"apiVersion\": ").then().statusCode(200)
                .body("$", not(hasKey("kind"))).body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("json parse error"));
        post("/inject", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}").then().statusCode(200)
                .body("response.status.message", equalTo("unsupported type :&TypeMeta{Kind:Pod,APIVersion:v1,}"));
        post("/validate", "{\"kind\":\"AdmissionReview\"}").then().statusCode(200)
                .body("response.status.message",
                        equalTo("could not decode body: Object 'apiVersion' is missing in '{\"kind\":\"AdmissionReview\"}'"));
        serverStillServes();
    }

    @Test
    void missingRequestIsDeniedAndKeepsEnvelope() {
        for (String path : ENDPOINTS) {
            post(path, "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}").then()
                    .statusCode(200).body("kind", equalTo("AdmissionReview"))
                    .body("apiVersion", equalTo("admission.k8s.io/v1beta1"))
                    .body("response.uid", equalTo("")).body("response.allowed", equalTo(false))
                    .body("response.status.message", equalTo("could not decode object: request is missing"));
        }
    }

    @Test
    void validateEnvelopeUidAndDecisions() {
        post("/validate", routeReview("CREATE", false, "")).then().statusCode(200)
                .header("Content-Type", "application/json")
                .body("kind", equalTo("AdmissionReview")).body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("response.uid", equalTo("r-1")).body("response.allowed", equalTo(true))
                .body("response", not(hasKey("status"))).body("response", not(hasKey("patch")))
                .body("$", not(hasKey("request")));
        // v1beta1 in → v1beta1 out
        post("/validate", routeReview("CREATE", false, "").replace("admission.k8s.io/v1\"",
                "admission.k8s.io/v1beta1\"")).then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1beta1"));
        // unknown top-level field on the object
        post("/validate", routeReview("CREATE", false, ",\"extra\":1")).then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", equalTo("unknown field \"extra\" on HTTPRoute resource ns/r"));
        // dry-run: same decision
        post("/validate", routeReview("CREATE", true, ",\"extra\":1")).then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", equalTo("unknown field \"extra\" on HTTPRoute resource ns/r"));
        // non-CREATE/UPDATE operations are allowed without looking at the object
        post("/validate", routeReview("DELETE", false, ",\"extra\":1")).then().statusCode(200)
                .body("response.allowed", equalTo(true)).body("response", not(hasKey("status")));
        // missing uid echoes an empty uid
        post("/validate", review("admission.k8s.io/v1", "{\"operation\":\"CONNECT\"}")).then().statusCode(200)
                .body("response.uid", equalTo("")).body("response.allowed", equalTo(true));
        // unknown kinds are denied with Istio's text
        post("/validate", review("admission.k8s.io/v1", "{\"uid\":\"x\",\"operation\":\"CREATE\",\"object\":"
                + "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Foo\",\"metadata\":{\"name\":\"f\"}}}")).then()
                .statusCode(200).body("response.status.message", equalTo("unrecognized type example.com/v1, Kind=Foo"));
        // the subtree path and any method are served the same way
        given().contentType("application/json").body(routeReview("CREATE", false, "")).when()
                .put("/validate/some/sub/path").then().statusCode(200).body("response.uid", equalTo("r-1"));
    }

    @Test
    void injectBadObjectsAreDeniedWithGoTexts() {
        post("/inject", review("admission.k8s.io/v1", "{\"uid\":\"i-1\",\"operation\":\"CREATE\"}")).then()
                .statusCode(200).body("response.uid", equalTo("i-1")).body("response.allowed", equalTo(false))
                .body("response.status.message", equalTo("unexpected end of JSON input"));
        post("/inject", review("admission.k8s.io/v1", "{\"uid\":\"i-2\",\"object\":[1,2]}")).then()
                .statusCode(200).body("response.status.message",
                        equalTo("json: cannot unmarshal array into Go value of type v1.Pod"));
        post("/inject", review("admission.k8s.io/v1", "{\"uid\":7}")).then().statusCode(200)
                .body("$", not(hasKey("kind"))).body("response.status.message",
                        equalTo("json: cannot unmarshal number into Go struct field AdmissionRequest.request.uid of type types.UID"));
        serverStillServes();
    }

    @Test
    void injectsTheExamplePodsAsTheReadmeSays() throws Exception {
        String deployment = Files.readString(Path.of("examples/inject-deployment-pod.json"));
        Response injected = post("/inject", deployment);
        injected.then().statusCode(200).header("Content-Type", "application/json")
                .body("kind", equalTo("AdmissionReview")).body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("response.uid", equalTo("7f3b2c1a-0001-4c1e-9a55-000000000001"))
                .body("response.allowed", equalTo(true)).body("response.patchType", equalTo("JSONPatch"));
        JsonNode patch = new ObjectMapper().readTree(Base64.getDecoder().decode(
                injected.jsonPath().getString("response.patch")));
        assertTrue(patch.isArray() && patch.size() > 0, patch.toString());
        assertTrue(patch.toString().contains("istio-proxy"), "the patch adds the sidecar: " + patch);
        assertTrue(patch.toString().contains("sidecar.istio.io/status")
                || patch.toString().contains("sidecar.istio.io~1status"), "the patch writes the status annotation");

        post("/inject", Files.readString(Path.of("examples/inject-hostnetwork-pod.json"))).then().statusCode(200)
                .body("response.allowed", equalTo(true)).body("response", not(hasKey("patch")))
                .body("response", not(hasKey("patchType")));

        // the same pod on a path with env overrides, and as v1beta1: still injected, envelope follows the request
        post("/inject/cluster/cluster1/net/network1", deployment.replace("admission.k8s.io/v1\"",
                "admission.k8s.io/v1beta1\"")).then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1beta1")).body("response.allowed", equalTo(true))
                .body("response.patchType", equalTo("JSONPatch"));
    }

    @Test
    void prometheusNamesAreIstios() {
        post("/validate", routeReview("CREATE", false, "")).then().statusCode(200);
        post("/validate", routeReview("CREATE", false, ",\"extra\":1")).then().statusCode(200);
        post("/validate", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)).then().statusCode(415);
        post("/inject", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)).then().statusCode(415);
        String text = given().when().get(metrics).then().statusCode(200).extract().asString();
        for (String sample : new String[] {
                "galley_validation_passed{group=\"gateway.networking.k8s.io\",resource=\"httproutes\",version=\"v1\"} ",
                "galley_validation_failed{group=\"gateway.networking.k8s.io\",reason=\"invalid_resource\","
                        + "resource=\"httproutes\",version=\"v1\"} ",
                "galley_validation_http_error{status=\"415\"} ",
                "sidecar_injection_requests_total ", "sidecar_injection_success_total ",
                "sidecar_injection_failure_total ", "sidecar_injection_skip_total ",
                "sidecar_injection_time_seconds_bucket{le=\"0.001\"} ",
                "sidecar_injection_time_seconds_count "}) {
            assertTrue(text.contains("\n" + sample), "missing sample " + sample + " in\n" + text);
        }
    }

    @Test
    void readyOnceConfigurationLoaded() {
        given().when().get(ready).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'meshhook-webhook' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'meshhook-webhook' }.data.'config.generation'", equalTo(1));
    }

    private static void serverStillServes() {
        Response r = post("/validate", routeReview("CREATE", false, ""));
        assertEquals(200, r.statusCode());
        r.then().body("response.allowed", equalTo(true)).body("response.status", nullValue())
                .body("response.uid", not(emptyOrNullString()));
    }
}
