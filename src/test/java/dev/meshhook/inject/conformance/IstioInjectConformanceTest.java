package dev.meshhook.inject.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectionCache;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.MeshConfig;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Istio's golden injection cases in WEBHOOK mode, run exactly as ../shared/conformance/istio-inject/README.md
 * describes. {@code -Dmeshhook.conformance.dir=DIR} points at another directory of the same layout (e.g. held-out
 * cases). Two runs: with Istio's injector config from the case directory, and with our own files under
 * {@code templates/} (config, values, mesh) for the cases that keep the default settings.
 */
class IstioInjectConformanceTest {
    private static final Map<String, AtomicInteger[]> COUNTS = new ConcurrentHashMap<>();

    static Path caseDir() {
        String prop = System.getProperty("meshhook.conformance.dir");
        return prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "shared", "conformance", "istio-inject");
    }

    @TestFactory
    Stream<DynamicTest> webhookWithIstioConfig() throws Exception {
        Path dir = caseDir();
        if (!(Files.isRegularFile(dir.resolve("cases.yaml")))) return skipped("conformance data not found at " + dir.toAbsolutePath() + " (../shared absent): skipping");
        JsonNode base = baseFiles(dir.resolve("injector/config.yaml"), dir.resolve("injector/values.json"), dir.resolve("injector/mesh.yaml"));
        return cases(dir, base, "istio-config", false);
    }

    @TestFactory
    Stream<DynamicTest> webhookWithOwnTemplates() throws Exception {
        Path dir = caseDir();
        if (!(Files.isRegularFile(dir.resolve("cases.yaml")))) return skipped("conformance data not found at " + dir.toAbsolutePath() + " (../shared absent): skipping");
        Path own = Path.of("templates");
        Path config = firstExisting(own, "config", "config.yaml");
        Path values = firstExisting(own, "values", "values.json");
        Path mesh = firstExisting(own, "mesh", "mesh.yaml");
        if (!(config != null && values != null && mesh != null)) return skipped("own templates/config, templates/values and templates/mesh not present yet: skipping");
        JsonNode base = baseFiles(config, values, mesh);
        // Istio's golden install pins the image hub and tag (README "Base files"); ours ships release defaults.
        mergePatch(base.get("values"), WebhookCase.JSON.readTree("{\"global\":{\"hub\":\"registry.istio.io/testing\",\"tag\":\"latest\"}}"));
        return cases(dir, base, "own-templates", true);
    }

    private static Path firstExisting(Path dir, String... names) {
        for (String n : names) if (Files.isRegularFile(dir.resolve(n))) return dir.resolve(n);
        return null;
    }

    private static JsonNode baseFiles(Path config, Path values, Path mesh) throws Exception {
        ObjectNode b = WebhookCase.JSON.createObjectNode();
        b.set("config", orEmpty(WebhookCase.YAML.readTree(Files.readString(config))));
        b.set("values", orEmpty(WebhookCase.YAML.readTree(Files.readString(values))));
        b.set("mesh", orEmpty(WebhookCase.YAML.readTree(Files.readString(mesh))));
        return b;
    }

    private static JsonNode orEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? WebhookCase.JSON.createObjectNode() : n;
    }

    private Stream<DynamicTest> cases(Path dir, JsonNode base, String mode, boolean defaultSettingsOnly) throws Exception {
        JsonNode doc = WebhookCase.YAML.readTree(Files.readString(dir.resolve("cases.yaml")));
        List<DynamicTest> tests = new ArrayList<>();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger()};
        COUNTS.put(mode, counts);
        for (JsonNode c : doc.path("cases")) {
            boolean webhook = false;
            for (JsonNode m : c.path("modes")) webhook |= m.asText().equals("webhook");
            if (!webhook) continue;
            if (defaultSettingsOnly && !isDefaultSettings(c)) continue;
            counts[1].incrementAndGet();
            tests.add(DynamicTest.dynamicTest(mode + ": " + c.path("name").asText(), () -> {
                runCase(dir, base, c);
                counts[0].incrementAndGet();
            }));
        }
        return tests.stream();
    }

    private static boolean isDefaultSettings(JsonNode c) {
        return c.path("values_patch").isEmpty() && c.path("config_patch").isEmpty() && c.path("mesh_patch").isEmpty()
                && c.path("env").isEmpty();
    }

    @AfterAll
    static void summary() {
        COUNTS.forEach((mode, c) -> System.out.println("[conformance] webhook mode, " + mode + ": " + c[0].get() + "/" + c[1].get() + " passed"));
    }

    static void runCase(Path dir, JsonNode base, JsonNode c) throws Exception {
        Injector injector = buildInjector(base, c);
        List<WebhookCase.Doc> inputs = WebhookCase.injectableDocs(Files.readString(dir.resolve(c.path("input").asText())));
        List<WebhookCase.Doc> expected = WebhookCase.injectableDocs(Files.readString(dir.resolve(c.path("expected").asText())));
        assertEquals(expected.size(), inputs.size(), "injectable document count");
        // the webhook's path: through the injection cache, and a second identical request must reuse the outcome
        InjectionCache cache = new InjectionCache(injector, 16);
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode sent = WebhookCase.requestObject(inputs.get(i).pod());
            InjectionRequest request = new InjectionRequest(sent.deepCopy(), inputs.get(i).namespace(),
                    c.path("webhook_path").asText(""));
            InjectionOutcome out = cache.inject(request);
            InjectionOutcome again = cache.inject(new InjectionRequest(sent.deepCopy(), request.namespace(),
                    request.path()));
            if (out instanceof InjectionOutcome.Injected first && cache.active()) {
                InjectionOutcome.Injected reused = assertInstanceOf(InjectionOutcome.Injected.class, again);
                assertTrue(reused.fromCache(), "document " + i + ": identical request not reused");
                assertEquals(first.patch(), reused.patch(), "document " + i + ": reused patch differs");
            }
            JsonNode result;
            if (out instanceof InjectionOutcome.Injected inj) result = JsonPatch.apply(inj.patch(), sent);
            else if (out instanceof InjectionOutcome.Failed f) result = fail("document " + i + ": allowed:false: " + f.message());
            else result = sent;
            JsonNode want = WebhookCase.normalise(expected.get(i).pod(), false);
            JsonNode got = WebhookCase.normalise(result, true);
            if (!want.equals(got)) {
                fail("document " + i + " differs (- expected, + got):\n" + lineDiff(WebhookCase.YAML.writeValueAsString(sorted(want)),
                        WebhookCase.YAML.writeValueAsString(sorted(got))));
            }
        }
    }

    static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = WebhookCase.JSON.createObjectNode();
            java.util.TreeMap<String, JsonNode> m = new java.util.TreeMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = WebhookCase.JSON.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }

    /** The injector for a case: base files + RFC 7386 patches, env, cluster facts, webhook revision. */
    static Injector buildInjector(JsonNode base, JsonNode c) throws Exception {
        JsonNode config = mergePatch(base.get("config").deepCopy(), c.path("config_patch"));
        JsonNode values = mergePatch(base.get("values").deepCopy(), c.path("values_patch"));
        JsonNode mesh = mergePatch(base.get("mesh").deepCopy(), c.path("mesh_patch"));
        Map<String, String> envVars = new HashMap<>();
        c.path("env").fields().forEachRemaining(e -> envVars.put(e.getKey(), e.getValue().asText()));
        Map<String, String> nodes = new LinkedHashMap<>();
        for (JsonNode n : c.path("cluster").path("nodes")) nodes.put(n.path("name").asText(), n.path("kubeletVersion").asText());
        Map<String, Map<String, String>> namespaces = new HashMap<>();
        for (JsonNode n : c.path("cluster").path("namespaces")) {
            Map<String, String> ann = new HashMap<>();
            n.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
            namespaces.put(n.path("name").asText(), ann);
        }
        return Injector.create(
                InjectorConfig.parse(WebhookCase.JSON.writeValueAsString(config)),
                InjectorValues.parse(WebhookCase.JSON.writeValueAsString(values)),
                MeshConfig.parse(WebhookCase.JSON.writeValueAsString(mesh)),
                c.path("revision").path("webhook").asText("default"),
                InjectorEnv.fromVariables(envVars),
                ClusterFacts.of(nodes, namespaces));
    }

    /** Lines only in a (-) or only in b (+), by longest common subsequence, with one line of context. */
    static String lineDiff(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        int[][] l = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--)
            for (int j = y.length - 1; j >= 0; j--)
                l[i][j] = x[i].equals(y[j]) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
        StringBuilder out = new StringBuilder();
        int i = 0, j = 0;
        String last = "";
        while (i < x.length || j < y.length) {
            if (i < x.length && j < y.length && x[i].equals(y[j])) {
                last = x[i];
                i++;
                j++;
                continue;
            }
            if (!last.isEmpty()) out.append("  ").append(last).append('\n');
            last = "";
            if (j >= y.length || (i < x.length && l[i + 1][j] >= l[i][j + 1])) out.append("- ").append(x[i++]).append('\n');
            else out.append("+ ").append(y[j++]).append('\n');
        }
        return out.toString();
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (patch == null || patch.isMissingNode() || !patch.isObject()) return patch == null || patch.isMissingNode() ? target : patch;
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : WebhookCase.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) t.remove(e.getKey());
            else t.set(e.getKey(), mergePatch(t.get(e.getKey()), e.getValue()));
        }
        return t;
    }

    /** A visible skip: surefire counts an aborted dynamic test as skipped (an aborted factory is not reported). */
    static Stream<DynamicTest> skipped(String reason) {
        return Stream.of(DynamicTest.dynamicTest("skipped", () -> Assumptions.abort(reason)));
    }
}
