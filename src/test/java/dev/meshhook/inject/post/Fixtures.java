package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads Istio's golden injection cases from ../shared (tests skip when it is absent). */
final class Fixtures {

    static final YAMLMapper YAML = new YAMLMapper();
    static final Path DIR = Path.of("..", "shared", "conformance", "istio-inject");
    private static final Set<String> KINDS = Set.of("Deployment", "DeploymentConfig", "DaemonSet", "StatefulSet",
            "Job", "ReplicaSet", "ReplicationController", "CronJob", "Pod");

    private Fixtures() {
    }

    static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(DIR),
                "../shared/conformance/istio-inject is absent; golden-derived checks skipped");
    }

    static JsonNode cases() throws IOException {
        return YAML.readTree(DIR.resolve("cases.yaml").toFile()).get("cases");
    }

    /** Pods of every injectable document, split like the upstream harness (plain "\n---" split). */
    static List<ObjectNode> pods(String relative) throws IOException {
        String text = Files.readString(DIR.resolve(relative));
        List<ObjectNode> out = new ArrayList<>();
        for (String piece : text.split("\n---")) {
            if (piece.isBlank()) {
                continue;
            }
            JsonNode doc = YAML.readTree(piece);
            collect(doc, out);
        }
        return out;
    }

    private static void collect(JsonNode doc, List<ObjectNode> out) {
        if (doc == null || !doc.isObject()) {
            return;
        }
        String kind = doc.path("kind").asText("");
        if (kind.equals("List")) {
            for (JsonNode item : doc.path("items")) {
                collect(item, out);
            }
            return;
        }
        if (!KINDS.contains(kind)) {
            return;
        }
        if (kind.equals("Pod")) {
            out.add((ObjectNode) doc.deepCopy());
            return;
        }
        JsonNode template = kind.equals("CronJob") ? doc.path("spec").path("jobTemplate").path("spec").path("template")
                : doc.path("spec").path("template");
        ObjectNode pod = YAML.createObjectNode();
        pod.set("metadata", template.path("metadata").isObject() ? template.get("metadata").deepCopy()
                : YAML.createObjectNode());
        pod.set("spec", template.path("spec").deepCopy());
        out.add(pod);
    }
}
