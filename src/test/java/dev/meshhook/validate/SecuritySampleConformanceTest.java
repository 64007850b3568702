package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the public sample (../shared/conformance/istio-validation/cases.jsonl) for the kinds of validate-sec through
 * {@link ConfigValidator} with the runner's pass criteria (valid: allowed; warning: allowed with warnings; invalid:
 * denied) and prints per-kind counts.
 */
class SecuritySampleConformanceTest {
    private static final Set<String> KINDS = Set.of("EnvoyFilter", "WorkloadEntry", "WorkloadGroup", "AuthorizationPolicy",
        "PeerAuthentication", "RequestAuthentication", "Telemetry", "WasmPlugin", "TrafficExtension", "ProxyConfig");

    @Test
    void sampleCasesOfSecurityKindsPass() throws Exception {
        Path cases = Path.of("../shared/conformance/istio-validation/cases.jsonl");
        Assumptions.assumeTrue(Files.isReadable(cases), "skipped: " + cases + " is absent (shared conformance data not beside the worktree)");
        ObjectMapper m = new ObjectMapper();
        ConfigValidator validator = new ConfigValidator();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(cases)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = m.readTree(line);
            String kind = c.path("kind").asText();
            if (!KINDS.contains(kind)) {
                continue;
            }
            ValidationOutcome out = validator.validate(c.get("object"));
            String expected = c.path("expected").asText();
            boolean pass;
            switch (expected) {
                case "valid": pass = out.allowed(); break;
                case "warning": pass = out.allowed() && !out.warnings().isEmpty(); break;
                default: pass = !out.allowed(); break;
            }
            int[] k = counts.computeIfAbsent(kind, x -> new int[2]);
            k[1]++;
            if (pass) {
                k[0]++;
            } else {
                failures.add(c.path("file").asText() + " expected " + expected + " got allowed=" + out.allowed()
                    + " message=" + out.message() + " warnings=" + out.warnings());
            }
        }
        counts.forEach((kind, k) -> System.out.println(kind + ": " + k[0] + "/" + k[1] + " passed"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
