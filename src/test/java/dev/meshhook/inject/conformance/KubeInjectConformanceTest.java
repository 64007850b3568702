package dev.meshhook.inject.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.meshhook.cli.KubeInjector;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import dev.meshhook.inject.Injector;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.AfterAll;
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
 * Istio's golden injection cases in KUBE-INJECT mode, end to end (the object-level pipeline plus the document stream
 * and YAML printing) (../shared/conformance/istio-inject/README.md): the whole
 * input file through {@code meshhook kube-inject}'s stream injector, compared with the golden as YAML data; plus
 * the parity check that kube-inject and the webhook produce the same pod for every case checked in both modes.
 * {@code -Dmeshhook.conformance.dir=DIR} runs another directory of the same layout.
 */
class KubeInjectConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger TOTAL = new AtomicInteger();
    private static final AtomicInteger BYTE_IDENTICAL = new AtomicInteger();
    private static final AtomicInteger PARITY = new AtomicInteger();
    private static final AtomicInteger PARITY_TOTAL = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> kubeInjectStreamWithIstioConfig() throws Exception {
        Path dir = IstioInjectConformanceTest.caseDir();
        if (!Files.isRegularFile(dir.resolve("cases.yaml"))) {
            return IstioInjectConformanceTest.skipped("conformance data not found at " + dir.toAbsolutePath()
                    + " (../shared absent): skipping");
        }
        JsonNode base = base(dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : YAML.readTree(Files.readString(dir.resolve("cases.yaml"))).path("cases")) {
            List<String> modes = new ArrayList<>();
            c.path("modes").forEach(m -> modes.add(m.asText()));
            if (modes.contains("kube-inject")) {
                TOTAL.incrementAndGet();
                tests.add(DynamicTest.dynamicTest("kube-inject: " + c.path("name").asText(), () -> {
                    kubeInjectCase(dir, base, c);
                    PASSED.incrementAndGet();
                }));
            }
            if (modes.contains("kube-inject") && modes.contains("webhook")) {
                PARITY_TOTAL.incrementAndGet();
                tests.add(DynamicTest.dynamicTest("parity: " + c.path("name").asText(), () -> {
                    parityCase(dir, base, c);
                    PARITY.incrementAndGet();
                }));
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        if (TOTAL.get() > 0) {
            System.out.println("[conformance] kube-inject mode: " + PASSED + "/" + TOTAL + " passed, "
                    + BYTE_IDENTICAL + " byte-identical; webhook/kube-inject parity: " + PARITY + "/" + PARITY_TOTAL);
        }
    }

    private static JsonNode base(Path dir) throws Exception {
        ObjectNode b = JSON.createObjectNode();
        b.set("config", YAML.readTree(Files.readString(dir.resolve("injector/config.yaml"))));
        b.set("values", YAML.readTree(Files.readString(dir.resolve("injector/values.json"))));
        b.set("mesh", YAML.readTree(Files.readString(dir.resolve("injector/mesh.yaml"))));
        return b;
    }

    private static void kubeInjectCase(Path dir, JsonNode base, JsonNode c) throws Exception {
        String input = Files.readString(dir.resolve(c.path("input").asText()));
        KubeInjector.Result result;
        try {
            result = new KubeInjector(IstioInjectConformanceTest.buildInjector(base, c)).run(input);
        } catch (Exception e) {
            String want = c.path("expected_error").asText(null);
            if (want != null && !c.path("expected_error").isNull()) {
                assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(want), "error \"" + e.getMessage()
                        + "\" does not contain \"" + want + "\"");
                return;
            }
            throw e;
        }
        if (!c.path("expected_error").isNull() && c.has("expected_error")) {
            fail("expected an error containing \"" + c.path("expected_error").asText() + "\", got output");
        }
        if (c.hasNonNull("expected_warning")) {
            String want = c.path("expected_warning").asText();
            assertTrue(result.warnings().stream().anyMatch(w -> w.contains(want)), "no warning contains \"" + want
                    + "\": " + result.warnings());
        }
        String golden = Files.readString(dir.resolve(c.path("expected").asText()));
        if (golden.strip().equals(result.output().strip())) {
            BYTE_IDENTICAL.incrementAndGet();
        }
        List<JsonNode> want = documents(golden);
        List<JsonNode> got = documents(result.output());
        assertEquals(want.size(), got.size(), "document count");
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equals(got.get(i))) {
                fail("document " + i + " differs\n--- expected\n" + YAML.writeValueAsString(want.get(i)) + "\n--- got\n"
                        + YAML.writeValueAsString(got.get(i)));
            }
        }
    }

    /** kube-inject and the webhook must give the same pod (webhook-mode comparison rules). */
    private static void parityCase(Path dir, JsonNode base, JsonNode c) throws Exception {
        String input = Files.readString(dir.resolve(c.path("input").asText()));
        String manual = new KubeInjector(IstioInjectConformanceTest.buildInjector(base, c)).run(input).output();
        Injector webhook = IstioInjectConformanceTest.buildInjector(base, c);
        List<WebhookCase.Doc> sent = WebhookCase.injectableDocs(input);
        List<WebhookCase.Doc> fromManual = WebhookCase.injectableDocs(manual);
        assertEquals(sent.size(), fromManual.size(), "injectable document count");
        for (int i = 0; i < sent.size(); i++) {
            ObjectNode request = WebhookCase.requestObject(sent.get(i).pod());
            InjectionOutcome out = webhook.inject(new InjectionRequest(request.deepCopy(), sent.get(i).namespace(), ""));
            JsonNode viaWebhook = out instanceof InjectionOutcome.Injected inj ? JsonPatch.apply(inj.patch(), request)
                    : out instanceof InjectionOutcome.Failed f ? fail("webhook failed: " + f.message()) : request;
            JsonNode a = WebhookCase.normalise(viaWebhook, true);
            JsonNode b = WebhookCase.normalise(fromManual.get(i).pod(), true);
            if (!a.equals(b)) {
                fail("document " + i + ": webhook and kube-inject differ\n--- webhook\n" + YAML.writeValueAsString(a)
                        + "\n--- kube-inject\n" + YAML.writeValueAsString(b));
            }
        }
    }

    private static List<JsonNode> documents(String text) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser p = new YAMLFactory().createParser(text)) {
            for (JsonNode d : YAML.readValues(p, JsonNode.class).readAll()) {
                if (d != null && !d.isNull() && !d.isMissingNode() && !(d.isContainerNode() && d.isEmpty())) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }
}
