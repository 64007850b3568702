package dev.meshhook.inject.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.ContainerOverrides;
import dev.meshhook.inject.merge.GoJson;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.Pods;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the post-processing pieces that do not depend on template output against Istio's goldens: the probe dump
 * and rewrite of application containers, the overrides annotation text, and the status annotation shape.
 */
class GoldenDerivedTest {

    record Pair(String name, ObjectNode input, ObjectNode expected, JsonNode testCase) {}

    private static List<Pair> cached;

    static synchronized List<Pair> webhookPairs() throws Exception {
        if (cached != null) {
            return cached;
        }
        List<Pair> out = new ArrayList<>();
        for (JsonNode c : Fixtures.cases()) {
            if (c.get("expected").isNull() || !c.get("modes").toString().contains("webhook")) {
                continue;
            }
            List<ObjectNode> in = Fixtures.pods(c.get("input").asText());
            List<ObjectNode> exp = Fixtures.pods(c.get("expected").asText());
            if (in.size() != exp.size()) {
                continue;
            }
            for (int i = 0; i < in.size(); i++) {
                ObjectNode input = PodShape.pod(in.get(i));
                if ("openshift".equals(c.path("env").path("PLATFORM").asText())) {
                    OpenShift.resetProxyUserMatchingApp(input);
                }
                out.add(new Pair(c.get("name").asText() + "#" + i, input, PodShape.pod(exp.get(i)), c));
            }
        }
        cached = out;
        return out;
    }

    private static boolean customTemplates(Pair p) {
        return Pods.annotation(p.input(), "inject.istio.io/templates") != null
                || !p.testCase().path("config_patch").isEmpty();
    }

    @Test
    void appProbeDumpMatchesGoldenEnv() throws Exception {
        Fixtures.assumePresent();
        int checked = 0;
        for (Pair p : webhookPairs()) {
            if (customTemplates(p) || Pods.annotation(p.input(), Pods.STATUS_ANNOTATION) != null) {
                continue;
            }
            boolean values = !p.testCase().path("values_patch").path("sidecarInjectorWebhook")
                    .path("rewriteAppHTTPProbe").isBoolean()
                    || p.testCase().path("values_patch").path("sidecarInjectorWebhook").path("rewriteAppHTTPProbe")
                    .asBoolean();
            ObjectNode proxy = Pods.findSidecar(p.expected());
            if (proxy == null) {
                continue;
            }
            String golden = null;
            for (JsonNode e : proxy.path("env")) {
                if (e.path("name").asText().equals(AppProbes.ENV)) {
                    golden = e.path("value").asText();
                }
            }
            String dump = AppProbes.shouldRewrite(p.input(), values) ? AppProbes.dump(p.input(), 15020) : "";
            assertEquals(golden == null ? "" : golden, dump, p.name());
            checked++;
        }
        assertTrue(checked > 40, "checked " + checked);
    }

    @Test
    void rewrittenAppProbesMatchGolden() throws Exception {
        Fixtures.assumePresent();
        int checked = 0;
        for (Pair p : webhookPairs()) {
            if (customTemplates(p) || Pods.findSidecar(p.expected()) == null) {
                continue;
            }
            ObjectNode pod = p.input().deepCopy();
            if (AppProbes.shouldRewrite(pod, true)) {
                AppProbes.patchProbes(pod, 15020);
            }
            for (JsonNode c : Pods.containers(pod)) {
                String name = c.path("name").asText();
                if (name.equals(Pods.PROXY)) {
                    continue;
                }
                JsonNode g = Pods.findAnywhere(p.expected(), name);
                for (String probe : new String[] {"readinessProbe", "livenessProbe", "startupProbe", "lifecycle"}) {
                    assertEquals(GoJson.write(PodShape.container(g).path(probe)),
                            GoJson.write(PodShape.container(c).path(probe)), p.name() + " " + name + " " + probe);
                }
                checked++;
            }
        }
        assertTrue(checked > 40, "checked " + checked);
    }

    @Test
    void overridesAnnotationIsGoJsonOfTheUserContainers() throws Exception {
        Fixtures.assumePresent();
        int checked = 0;
        for (Pair p : webhookPairs()) {
            String golden = Pods.annotation(p.expected(), Pods.OVERRIDES_ANNOTATION);
            if (golden == null || Pods.annotation(p.input(), Pods.OVERRIDES_ANNOTATION) != null) {
                continue;
            }
            ContainerOverrides.Parsed parsed = ContainerOverrides.parse(golden);
            ObjectNode rebuilt = Fixtures.YAML.createObjectNode();
            List<JsonNode> all = new ArrayList<>();
            parsed.containers().forEach(all::add);
            parsed.initContainers().forEach(all::add);
            for (JsonNode recorded : all) {
                String name = recorded.path("name").asText();
                ObjectNode user = recorded == parsed.containers().get(0) || parsed.containers().has(0)
                        && containsName(parsed.containers(), name)
                        ? Pods.find(Pods.containers(p.input()), name) : Pods.findAnywhere(p.input(), name);
                ObjectNode copy = PodShape.container(user);
                if ("auto".equals(copy.path("image").asText())) {
                    copy.remove("image");
                }
                assertEquals(GoJson.write(recorded), GoJson.write(copy), p.name() + " " + name);
            }
            if (!parsed.containers().isEmpty()) {
                rebuilt.set("containers", parsed.containers());
            }
            if (!parsed.initContainers().isEmpty()) {
                rebuilt.set("initContainers", parsed.initContainers());
            }
            assertEquals(golden, GoJson.write(rebuilt), p.name());
            checked++;
        }
        assertTrue(checked >= 3, "checked " + checked);
    }

    private static boolean containsName(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void statusAnnotationOfGoldenTemplatePodIsReproduced() throws Exception {
        Fixtures.assumePresent();
        int checked = 0;
        for (JsonNode c : Fixtures.cases()) {
            if (c.get("expected").isNull()) {
                continue;
            }
            for (ObjectNode pod : Fixtures.pods(c.get("expected").asText())) {
                String status = Pods.annotation(pod, Pods.STATUS_ANNOTATION);
                if (status == null) {
                    continue;
                }
                // Rebuild a template pod holding exactly the listed names and format it again.
                JsonNode parsed = Fixtures.YAML.readTree(status);
                ObjectNode template = Fixtures.YAML.createObjectNode();
                ObjectNode spec = template.putObject("spec");
                for (String f : new String[] {"initContainers", "containers", "volumes", "imagePullSecrets"}) {
                    if (parsed.get(f).isArray()) {
                        var arr = spec.putArray(f);
                        parsed.get(f).forEach(n -> arr.addObject().put("name", n.asText()));
                    } else {
                        assertTrue(parsed.get(f).isNull());
                    }
                }
                assertEquals(status, InjectionStatus.of(template, parsed.get("revision").asText()), c.get("name").asText());
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    @Test
    void goldenPodsAreStableUnderReorderWhenNotHolding() throws Exception {
        Fixtures.assumePresent();
        for (Pair p : webhookPairs()) {
            String hold = p.testCase().path("values_patch").toString() + p.testCase().path("mesh_patch")
                    + Pods.annotation(p.input(), "proxy.istio.io/config");
            if (hold.contains("holdApplicationUntilProxyStarts")) {
                continue;
            }
            ObjectNode pod = p.expected().deepCopy();
            ContainerOrder.apply(pod, false);
            assertEquals(GoJson.write(p.expected()), GoJson.write(PodShape.pod(pod)), p.name());
        }
    }

    @Test
    void noGoldenCarriesAnEmptyProberEnv() throws Exception {
        Fixtures.assumePresent();
        for (Pair p : webhookPairs()) {
            ObjectNode proxy = Pods.findSidecar(p.expected());
            if (proxy == null) {
                continue;
            }
            for (JsonNode e : proxy.path("env")) {
                if (e.path("name").asText().equals(AppProbes.ENV)) {
                    assertFalse(e.path("value").asText().isEmpty(), p.name());
                }
            }
            assertNull(null);
        }
    }
}
