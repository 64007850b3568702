package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Latency benchmark (not a unit test): validates a 20-route VirtualService repeatedly and prints
 * p50/p99/max per validation. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> dev.meshhook.validate.VirtualServiceBench}.
 */
public final class VirtualServiceBench {
    private VirtualServiceBench() {}

    static JsonNode twentyRoutes() {
        StringBuilder http = new StringBuilder("hosts: [reviews.prod.svc.cluster.local, \"*.example.com\"]\n"
                + "gateways: [istio-system/public, mesh]\nhttp:\n");
        for (int i = 0; i < 20; i++) {
            http.append("""
                    - name: route-%1$d
                      match:
                      - uri: {regex: "^/api/v%1$d/[a-z]+(/[0-9]+)?$"}
                        headers: {x-user: {exact: u%1$d}, x-trace: {regex: "[a-f0-9]{16}"}}
                      - uri: {prefix: /v%1$d/}
                        method: {exact: POST}
                      route:
                      - destination: {host: reviews.prod.svc.cluster.local, subset: v%1$d, port: {number: 9080}}
                        weight: 80
                        headers: {request: {set: {x-route: "r%1$d"}, add: {x-req: "%%REQ(x-request-id)%%"}}}
                      - destination: {host: reviews-canary, subset: c%1$d}
                        weight: 20
                      retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,reset,503"}
                      timeout: 10s
                      corsPolicy: {allowOrigins: [{regex: "https://.*\\\\.example\\\\.com"}], allowMethods: [GET, POST], maxAge: 24h}
                      fault: {delay: {fixedDelay: 5ms, percentage: {value: 0.5}}}
                    """.formatted(i));
        }
        return ValidationCases.object("networking.istio.io/v1", "VirtualService", "reviews", "prod", http.toString());
    }

    public static void main(String[] args) {
        ConfigValidator v = new ConfigValidator();
        JsonNode vs = twentyRoutes();
        ValidationOutcome check = v.validate(vs);
        if (!check.allowed()) {
            throw new IllegalStateException("benchmark object must be valid: " + check.message());
        }
        int warmup = 20_000;
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int i = 0; i < warmup; i++) {
            v.validate(vs);
        }
        // Wall time includes preemption on a busy host; thread CPU time shows the work itself.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] t = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            v.validate(vs);
            t[i] = System.nanoTime() - s;
            cpu[i] = mx.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        System.out.printf("20-route VirtualService: n=%d wall p50=%.3f ms p99=%.3f ms max=%.3f ms | cpu p50=%.3f ms p99=%.3f ms%n",
                runs, t[runs / 2] / 1e6, t[(int) (runs * 0.99)] / 1e6, t[runs - 1] / 1e6, cpu[runs / 2] / 1e6,
                cpu[(int) (runs * 0.99)] / 1e6);
    }
}
