package dev.meshhook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.concurrent.TimeUnit;

/** Validation of a VirtualService with 20 HTTP routes (matches, rewrites, retries, weighted destinations). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ValidateBench {

    ConfigValidator validator;
    ValidationRequest request;

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

    @Setup
    public void setup() {
        validator = new ConfigValidator();
        request = new ValidationRequest("CREATE", false, virtualService(20), "VirtualService", "default");
        ValidationOutcome check = validator.review(request);
        if (!check.allowed()) {
            throw new IllegalStateException("benchmark VirtualService is not valid: " + check.message());
        }
    }

    @Benchmark
    public ValidationOutcome validateTwentyRouteVirtualService() {
        return validator.review(request);
    }
}
