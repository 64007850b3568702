package dev.meshhook.cluster.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The subset of kustomize that k8s/ uses, so the manifests can be rendered and checked without kubectl:
 * {@code resources} (files and directories), {@code namespace}, {@code configMapGenerator} (files, no hash suffix),
 * {@code generatorOptions.labels}, and {@code patches} that are RFC 6902 lists with a kind/name target or a
 * strategic-merge {@code $patch: delete}. Anything else fails loudly, so the subset cannot silently drift from kustomize.
 */
final class KustomizeLite {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "resources", "namespace", "patches",
            "configMapGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "CustomResourceDefinition");

    private KustomizeLite() {}

    static List<ObjectNode> render(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        JsonNode k = YAML.readTree(file.toFile());
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": kustomize feature '" + key + "' is not supported by this renderer");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                out.addAll(readDocuments(p));
            }
        }
        JsonNode options = k.path("generatorOptions");
        for (JsonNode g : k.path("configMapGenerator")) {
            if (!options.path("disableNameSuffixHash").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": name suffix hashes are not supported by this renderer");
            }
            out.add(configMap(dir, g, options.path("labels")));
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode o : out) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    ((ObjectNode) o.with("metadata")).put("namespace", k.get("namespace").asText());
                }
            }
        }
        for (JsonNode p : k.path("patches")) {
            applyPatch(file, out, p);
        }
        return out;
    }

    static List<ObjectNode> readDocuments(Path p) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(p.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n == null || n.isNull() || n.isMissingNode() || n.isEmpty()) {
                    continue;
                }
                if (!n.isObject()) {
                    throw new IllegalArgumentException(p + ": a document is not a mapping");
                }
                docs.add((ObjectNode) n);
            }
        }
        return docs;
    }

    private static ObjectNode configMap(Path dir, JsonNode g, JsonNode labels) throws IOException {
        if (g.has("behavior") || g.has("literals") || g.has("envs")) {
            throw new IllegalArgumentException("configMapGenerator " + g.path("name").asText() + ": only 'files' is supported");
        }
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata");
        meta.put("name", g.path("name").asText());
        if (labels.isObject() && !labels.isEmpty()) {
            meta.set("labels", labels.deepCopy());
        }
        ObjectNode data = cm.putObject("data");
        for (JsonNode f : g.path("files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            Path src = dir.resolve(eq < 0 ? spec : spec.substring(eq + 1)).normalize();
            if (!src.startsWith(dir.normalize())) {
                throw new IllegalArgumentException(src + " is not in or below " + dir + " (kustomize refuses it too)");
            }
            data.put(key, Files.readString(src));
        }
        return cm;
    }

    private static void applyPatch(Path file, List<ObjectNode> resources, JsonNode p) throws IOException {
        JsonNode body = YAML.readTree(p.path("patch").asText());
        if (body != null && body.isArray()) {
            String kind = p.path("target").path("kind").asText(null);
            String name = p.path("target").path("name").asText(null);
            if (kind == null || name == null) {
                throw new IllegalArgumentException(file + ": JSON6902 patch needs target kind and name");
            }
            int matched = 0;
            for (int i = 0; i < resources.size(); i++) {
                ObjectNode r = resources.get(i);
                if (kind.equals(r.path("kind").asText()) && name.equals(r.path("metadata").path("name").asText())) {
                    resources.set(i, (ObjectNode) JsonPatch.apply((ArrayNode) body, r));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalArgumentException(file + ": patch target " + kind + "/" + name + " matches nothing");
            }
            return;
        }
        if (body != null && body.isObject() && "delete".equals(body.path("$patch").asText())) {
            String kind = body.path("kind").asText();
            String name = body.path("metadata").path("name").asText();
            boolean removed = resources.removeIf(r -> kind.equals(r.path("kind").asText())
                    && name.equals(r.path("metadata").path("name").asText()));
            if (!removed) {
                throw new IllegalArgumentException(file + ": $patch: delete of " + kind + "/" + name + " matches nothing");
            }
            return;
        }
        throw new IllegalArgumentException(file + ": only JSON6902 lists and $patch: delete are supported");
    }
}
