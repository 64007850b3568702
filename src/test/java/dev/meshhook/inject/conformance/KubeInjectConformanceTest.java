package dev.meshhook.inject.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshhook.inject.InjectionException;
import dev.meshhook.inject.KubeInject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Istio's golden cases in kube-inject mode at the object level: every document of the input goes through
 * {@link KubeInject#injectObject} and is compared as data with the paired expected document (README "kube-inject
 * mode" step 3, semantic equality; status annotation included). Turning objects into YAML text is the CLI's part.
 */
class KubeInjectConformanceTest {
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger TOTAL = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> kubeInjectObjects() throws Exception {
        Path dir = IstioInjectConformanceTest.caseDir();
        if (!(Files.isRegularFile(dir.resolve("cases.yaml")))) return skipped("conformance data not found at " + dir.toAbsolutePath() + " (../shared absent): skipping");
        JsonNode base = WebhookCase.JSON.createObjectNode()
                .set("config", WebhookCase.YAML.readTree(Files.readString(dir.resolve("injector/config.yaml"))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) base).set("values", WebhookCase.YAML.readTree(Files.readString(dir.resolve("injector/values.json"))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) base).set("mesh", WebhookCase.YAML.readTree(Files.readString(dir.resolve("injector/mesh.yaml"))));
        JsonNode doc = WebhookCase.YAML.readTree(Files.readString(dir.resolve("cases.yaml")));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : doc.path("cases")) {
            boolean kube = false;
            for (JsonNode m : c.path("modes")) kube |= m.asText().equals("kube-inject");
            if (!kube) continue;
            TOTAL.incrementAndGet();
            tests.add(DynamicTest.dynamicTest("kube-inject: " + c.path("name").asText(), () -> {
                run(dir, base, c);
                PASSED.incrementAndGet();
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("[conformance] kube-inject mode (objects): " + PASSED.get() + "/" + TOTAL.get() + " passed");
    }

    private static void run(Path dir, JsonNode base, JsonNode c) throws Exception {
        KubeInject kube = new KubeInject(IstioInjectConformanceTest.buildInjector(base, c));
        List<JsonNode> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String expectedError = c.path("expected_error").isTextual() ? c.path("expected_error").asText() : null;
        try {
            for (String d : documents(Files.readString(dir.resolve(c.path("input").asText())))) {
                JsonNode n = WebhookCase.YAML.readTree(d);
                if (n == null || n.isMissingNode() || n.isNull()) continue;
                KubeInject.Result r = kube.injectObject(n);
                warnings.addAll(r.warnings());
                out.add(r.object());
            }
        } catch (InjectionException e) {
            if (expectedError == null) fail("unexpected error: " + e.getMessage());
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(expectedError), e.getMessage());
            return;
        }
        if (expectedError != null) fail("expected an error containing " + expectedError);
        if (c.path("expected_warning").isTextual()) {
            String w = c.path("expected_warning").asText();
            assertTrue(warnings.stream().anyMatch(x -> x.contains(w)), "warnings " + warnings + " lack " + w);
        }
        List<JsonNode> expected = new ArrayList<>();
        for (String d : documents(Files.readString(dir.resolve(c.path("expected").asText())))) {
            JsonNode n = WebhookCase.YAML.readTree(d);
            if (n != null && !n.isMissingNode() && !n.isNull()) expected.add(n);
        }
        assertEquals(expected.size(), out.size(), "document count");
        for (int i = 0; i < out.size(); i++) {
            JsonNode want = WebhookCase.prune(expected.get(i));
            JsonNode got = WebhookCase.prune(WebhookCase.JSON.readTree(WebhookCase.JSON.writeValueAsString(out.get(i))));
            if (!want.equals(got)) {
                fail("document " + i + " differs (- expected, + got):\n" + IstioInjectConformanceTest.lineDiff(
                        WebhookCase.YAML.writeValueAsString(IstioInjectConformanceTest.sorted(want)),
                        WebhookCase.YAML.writeValueAsString(IstioInjectConformanceTest.sorted(got))));
            }
        }
    }

    /** The Kubernetes YAML document reader: a line starting with "---" ends a document. */
    static List<String> documents(String text) {
        List<String> docs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("---")) {
                if (!cur.toString().isBlank()) docs.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        if (!cur.toString().isBlank()) docs.add(cur.toString());
        return docs;
    }

    /** A visible skip: surefire counts an aborted dynamic test as skipped (an aborted factory is not reported). */
    static Stream<DynamicTest> skipped(String reason) {
        return Stream.of(DynamicTest.dynamicTest("skipped", () -> Assumptions.abort(reason)));
    }
}
