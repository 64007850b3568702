package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Istio's kube-inject goldens were printed from Go types, so they already have the Go shape: a round trip
 * through {@link WorkloadSchema} must change nothing.
 */
class WorkloadSchemaGoldenTest {
    private static final Path FIXTURES = Path.of("../shared/conformance/istio-inject/fixtures");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> goldensAreFixedPoints() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "../shared is absent: skipping golden shape checks");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            files.filter(p -> p.toString().endsWith(".injected") && !p.getFileName().toString().contains("openshift"))
                    .sorted()
                    .forEach(p -> tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p))));
        }
        return tests.stream();
    }

    private static void check(Path golden) throws Exception {
        try (YAMLParser parser = new YAMLFactory().createParser(golden.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                for (JsonNode object : workloads(doc)) {
                    assertEquals(object, shape(object), golden.getFileName().toString());
                }
            }
        }
    }

    private static JsonNode shape(JsonNode object) throws GoDecodeException {
        JsonNode shaped = PodShape.roundTrip(WorkloadSchema.forKind(object.path("kind").asText()).orElseThrow(), object);
        try {
            return YAML.readTree(YAML.writeValueAsString(shaped)); // same number node types as the parsed golden
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> workloads(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        if (doc == null || !doc.isObject()) {
            return out;
        }
        if ("List".equals(doc.path("kind").asText())) {
            doc.path("items").forEach(item -> out.addAll(workloads(item)));
        } else if (WorkloadSchema.forKind(doc.path("kind").asText()).isPresent()) {
            out.add(doc);
        }
        return out;
    }

    @Test
    void dropsOmitemptyZerosAndAddsValueStructs() throws Exception {
        JsonNode in = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, creationTimestamp: null}
                spec:
                  paused: false
                  replicas: 0
                  template:
                    spec:
                      hostNetwork: false
                      containers:
                      - name: c
                        readinessProbe: {httpGet: {port: 80}, initialDelaySeconds: 0}
                        resources: {limits: {cpu: 2000m}}
                        securityContext: {privileged: false}
                """);
        JsonNode out = shape(in);
        JsonNode want = YAML.readTree("""
                kind: Deployment
                apiVersion: apps/v1
                metadata: {name: d}
                spec:
                  replicas: 0
                  template:
                    metadata: {}
                    spec:
                      containers:
                      - name: c
                        readinessProbe: {httpGet: {port: 80}}
                        resources: {limits: {cpu: "2"}}
                        securityContext: {privileged: false}
                  strategy: {}
                status: {}
                """);
        assertEquals(want, out);
    }
}
