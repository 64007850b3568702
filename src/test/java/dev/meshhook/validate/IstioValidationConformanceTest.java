package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of ../shared/conformance/istio-validation/cases.jsonl through the facade and
 * checks the decision (and that warnings are present for "warning" cases). Kinds that have no
 * registered validator yet are reported, not failed.
 */
class IstioValidationConformanceTest {

    private static final Path CASES = Path.of("..", "shared", "conformance", "istio-validation", "cases.jsonl");

    @Test
    void sampleCasesMatchIstio() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(CASES),
                "skipped: " + CASES.toAbsolutePath() + " not found (../shared conformance material is absent)");
        ObjectMapper om = new ObjectMapper();
        ConfigValidator validator = new ConfigValidator();
        List<String> failures = new ArrayList<>();
        Map<String, int[]> perKind = new TreeMap<>();
        List<String> unregistered = new ArrayList<>();
        for (String line : Files.readAllLines(CASES)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = om.readTree(line);
            String kind = c.path("kind").asText();
            String group = c.path("group").asText();
            if (!validator.recognises(group, kind)) {
                unregistered.add(c.path("id").asText() + " " + kind);
                continue;
            }
            JsonNode obj = c.get("object");
            ValidationOutcome out = validator.review(new ValidationRequest("CREATE", false, obj, kind,
                    obj.path("metadata").path("namespace").asText("")));
            String expected = c.path("expected").asText();
            boolean ok = switch (expected) {
                case "valid" -> out.allowed();
                case "warning" -> out.allowed() && !out.warnings().isEmpty();
                default -> !out.allowed();
            };
            if (Boolean.getBoolean("conformance.verbose")) {
                System.out.println(c.path("file").asText() + " [" + expected + "] allowed=" + out.allowed() + " message="
                        + out.message() + " warnings=" + out.warnings());
            }
            int[] counts = perKind.computeIfAbsent(kind, k -> new int[2]);
            counts[1]++;
            if (ok) {
                counts[0]++;
            } else {
                failures.add(c.path("file").asText() + " expected " + expected + " got allowed=" + out.allowed()
                        + " message=" + out.message() + " warnings=" + out.warnings());
            }
        }
        StringBuilder summary = new StringBuilder("istio-validation conformance:");
        int passed = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : perKind.entrySet()) {
            summary.append("\n  ").append(e.getKey()).append(": ").append(e.getValue()[0]).append('/').append(e.getValue()[1]);
            passed += e.getValue()[0];
            total += e.getValue()[1];
        }
        summary.append("\n  total: ").append(passed).append('/').append(total);
        if (!unregistered.isEmpty()) {
            summary.append("\n  not yet registered (skipped): ").append(unregistered.size()).append(' ').append(unregistered);
        }
        System.out.println(summary);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
