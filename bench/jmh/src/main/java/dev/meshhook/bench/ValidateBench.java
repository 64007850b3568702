package dev.meshhook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.admission.HttpAnswer;
import dev.meshhook.admission.RequestBody;
import dev.meshhook.admission.ValidationWebhook;
import dev.meshhook.admission.WebhookMetrics;
import dev.meshhook.validate.ConfigValidator;
import dev.meshhook.validate.ValidationOutcome;
import dev.meshhook.validate.ValidationRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Validation of a VirtualService with 20 HTTP routes (matches, rewrites, retries, weighted destinations): the pure
 * decision, and the whole {@code /validate} handler from body bytes to answer bytes (AdmissionReview decode,
 * decision, metrics, log line, answer encoding) next to DELETE reviews, which the handler answers without
 * validating (the pairs the wrk run compares, minus HTTP and TLS): a bare one and one carrying the VirtualService
 * as {@code oldObject}, as the API server sends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ValidateBench {

    ConfigValidator validator;
    ValidationRequest request;
    ValidationWebhook webhook;
    byte[] virtualServiceBody;
    byte[] deleteBody;
    byte[] deleteWithOldObjectBody;

    /** A VirtualService with {@code routes} HTTP routes; shared with the wrk scripts' generator in spirit. */
    static ObjectNode virtualService(int routes) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode vs = m.createObjectNode();
        vs.put("apiVersion", "networking.istio.io/v1");
        vs.put("kind", "VirtualService");
        vs.putObject("metadata").put("name", "shop").put("namespace", "default");
        ObjectNode spec = vs.putObject("spec");
        spec.putArray("hosts").add("shop.default.svc.cluster.local").add("shop.example.com");
        spec.putArray("gateways").add("mesh").add("istio-system/public");
        ArrayNode http = spec.putArray("http");
        for (int i = 0; i < routes; i++) {
            ObjectNode route = http.addObject();
            route.put("name", "route-" + i);
            ObjectNode match = route.putArray("match").addObject();
            match.putObject("uri").put("prefix", "/api/v" + i + "/");
            match.putObject("headers").putObject("x-tenant").put("regex", "tenant-[a-z]{2," + (i + 2) + "}");
            route.putObject("rewrite").put("uri", "/v" + i + "/");
            route.put("timeout", "3s");
            route.putObject("retries").put("attempts", 3).put("perTryTimeout", "1s").put("retryOn", "5xx,reset");
            ArrayNode dest = route.putArray("route");
            ObjectNode a = dest.addObject();
            a.putObject("destination").put("host", "shop-v1").putObject("port").put("number", 8080);
            a.put("weight", 80);
            ObjectNode b = dest.addObject();
            b.putObject("destination").put("host", "shop-v2").putObject("port").put("number", 8080);
            b.put("weight", 20);
            route.putObject("headers").putObject("response").putObject("set").put("x-route", "r" + i);
        }
        return vs;
    }

    /** The AdmissionReview bodies of bench/gen-bodies.py: the example review with the 20-route spec, compact. */
    static byte[][] reviewBodies(int routes) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode vs = (ObjectNode) m.readTree(Files.readAllBytes(example("validate-virtualservice.json")));
        ((ObjectNode) vs.path("request").path("object")).set("spec", virtualService(routes).get("spec"));
        ObjectNode delete = (ObjectNode) m.readTree(Files.readAllBytes(example("validate-delete.json")));
        byte[] deleteBytes = m.writeValueAsBytes(delete);
        // a DELETE as the API server sends it: oldObject carries the stored object (the same VirtualService)
        ((ObjectNode) delete.path("request")).set("oldObject", vs.path("request").path("object").deepCopy());
        return new byte[][] {m.writeValueAsBytes(vs), deleteBytes, m.writeValueAsBytes(delete)};
    }

    private static Path example(String name) {
        Path p = Path.of("examples", name);
        return Files.exists(p) ? p : Path.of("../../examples", name);
    }

    /**
     * The handler logs one INFO line per decision. Keep the cost of rendering the message (as a server's console
     * handler pays it) but write nothing, so the benchmark output stays readable.
     */
    static void discardWebhookLog() {
        Logger log = Logger.getLogger("dev.meshhook.validate.webhook");
        log.setUseParentHandlers(false);
        Formatter formatter = new SimpleFormatter();
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (formatter.formatMessage(record).isEmpty()) {
                    throw new IllegalStateException("empty log line");
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    @Setup
    public void setup() throws IOException {
        validator = new ConfigValidator();
        request = new ValidationRequest("CREATE", false, virtualService(20), "VirtualService", "default");
        ValidationOutcome check = validator.review(request);
        if (!check.allowed()) {
            throw new IllegalStateException("benchmark VirtualService is not valid: " + check.message());
        }
        discardWebhookLog();
        webhook = new ValidationWebhook(validator, new WebhookMetrics(new SimpleMeterRegistry()));
        byte[][] bodies = reviewBodies(20);
        virtualServiceBody = bodies[0];
        deleteBody = bodies[1];
        deleteWithOldObjectBody = bodies[2];
        String answer = handleTwentyRouteVirtualServiceBody().bodyText();
        if (!answer.contains("\"allowed\":true")) {
            throw new IllegalStateException("benchmark review is not allowed: " + answer);
        }
    }

    @Benchmark
    public ValidationOutcome validateTwentyRouteVirtualService() {
        return validator.review(request);
    }

    @Benchmark
    public HttpAnswer handleTwentyRouteVirtualServiceBody() {
        return webhook.handle("/validate", RequestBody.JSON, RequestBody.of(virtualServiceBody));
    }

    @Benchmark
    public HttpAnswer handleDeleteBody() {
        return webhook.handle("/validate", RequestBody.JSON, RequestBody.of(deleteBody));
    }

    /** The DELETE review with the 20-route VirtualService as {@code oldObject}: decoded, not validated. */
    @Benchmark
    public HttpAnswer handleDeleteWithOldObjectBody() {
        return webhook.handle("/validate", RequestBody.JSON, RequestBody.of(deleteWithOldObjectBody));
    }
}
