package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden injection tests over our own fixtures in {@code src/test/resources/inject-golden/<case>/}: config.yaml,
 * values.json, mesh.yaml, case.yaml (revision, namespace, path, env, nodes), pod.yaml, expected.yaml (the pod after
 * applying the webhook's patch). {@code -Dmeshhook.golden.update=true} rewrites expected.yaml.
 */
class GoldenInjectionTest {
    private static final Path ROOT = Path.of("src/test/resources/inject-golden");

    @TestFactory
    Stream<DynamicTest> goldens() throws Exception {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
        }
    }

    private static JsonNode sortedEnv(JsonNode pod) {
        JsonNode copy = pod.deepCopy();
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : copy.path("spec").path(list)) {
                if (c.get("env") instanceof ArrayNode env) {
                    List<JsonNode> items = new java.util.ArrayList<>();
                    env.forEach(items::add);
                    items.sort(java.util.Comparator.comparing(e -> e.path("name").asText()));
                    env.removeAll();
                    items.forEach(env::add);
                }
            }
        }
        return copy;
    }

    private static void run(Path dir) throws Exception {
        JsonNode c = Json.readYaml(Files.readString(dir.resolve("case.yaml")));
        Map<String, String> env = new HashMap<>();
        c.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Map<String, String> nodes = new HashMap<>();
        c.path("nodes").fields().forEachRemaining(e -> nodes.put(e.getKey(), e.getValue().asText()));
        Injector injector = Injector.create(InjectorConfig.parse(Files.readString(dir.resolve("config.yaml"))),
                InjectorValues.parse(Files.readString(dir.resolve("values.json"))),
                MeshConfig.parse(Files.readString(dir.resolve("mesh.yaml"))),
                c.path("revision").asText(), InjectorEnv.fromVariables(env), ClusterFacts.of(nodes, Map.of()));
        ObjectNode pod = (ObjectNode) Json.readYaml(Files.readString(dir.resolve("pod.yaml")));
        InjectionOutcome out = injector.inject(new InjectionRequest(pod.deepCopy(), c.path("namespace").asText(), c.path("path").asText()));
        InjectionOutcome.Injected injected = assertInstanceOf(InjectionOutcome.Injected.class, out, out::toString);
        ArrayNode patch = injected.patch();
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            assertFalse(path.startsWith("/metadata/managedFields"), "patch touches managedFields: " + op);
            assertFalse(path.equals("/metadata/namespace"), "patch adds the namespace: " + op);
            assertTrue(List.of("add", "remove", "replace").contains(op.path("op").asText()), op.toString());
        }
        ObjectNode base = pod.deepCopy();
        ((ObjectNode) base.get("metadata")).remove("managedFields");
        ((ObjectNode) base.get("metadata")).put("namespace", c.path("namespace").asText());
        JsonNode result = JsonPatch.apply(patch, dev.meshhook.inject.merge.PodShape.pod(base));
        Path expected = dir.resolve("expected.yaml");
        if (Boolean.getBoolean("meshhook.golden.update")) {
            Files.writeString(expected, Json.YAML.writeValueAsString(result));
        }
        assertEquals(Json.readYaml(Files.readString(expected)), result);

        // re-injecting the injected pod changes nothing but env order (Istio moves cluster/network env to the end)
        InjectionOutcome again = injector.inject(new InjectionRequest((ObjectNode) result.deepCopy(), c.path("namespace").asText(), c.path("path").asText()));
        InjectionOutcome.Injected second = assertInstanceOf(InjectionOutcome.Injected.class, again, again::toString);
        assertEquals(sortedEnv(result), sortedEnv(JsonPatch.apply(second.patch(), result)), "re-injection changed the pod");
    }
}
