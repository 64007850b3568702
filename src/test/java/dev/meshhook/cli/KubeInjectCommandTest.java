package dev.meshhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kube-inject and explain as a user runs them, on the embedded default templates (no ../shared needed). */
class KubeInjectCommandTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    args: [--port, "8080"]
                    env: [{name: MODE, value: prod}]
                    readinessProbe: {httpGet: {path: /ready, port: 8080}}
            """;
    private static final String SERVICE = "# a comment kept as is\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int kubeInject(String stdin, Map<String, String> env, String... args) {
        return new CommandLine(new KubeInjectCommand(new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env)))
                .execute(args);
    }

    private int explain(String stdin, String... args) {
        return new CommandLine(new ExplainCommand(new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())))
                .execute(args);
    }

    @Test
    void injectsWorkloadsKeepsOtherDocumentsAndLeavesTheAppAlone() throws Exception {
        assertEquals(0, kubeInject(SERVICE + "---\n" + DEPLOYMENT, Map.of(), "-f", "-"), err.toString());
        String[] docs = out.toString().split("---\n", -1);
        assertEquals(SERVICE, docs[0]);
        JsonNode in = YAML.readTree(DEPLOYMENT);
        JsonNode injected = YAML.readTree(docs[1]);
        JsonNode app = injected.at("/spec/template/spec/containers/0");
        JsonNode original = in.at("/spec/template/spec/containers/0");
        for (String field : List.of("name", "image", "args", "env")) {
            assertEquals(original.get(field), app.get(field), field);
        }
        assertTrue(injected.at("/spec/template/metadata/annotations/sidecar.istio.io~1status").isTextual());
        assertEquals("istio-proxy", injected.at("/spec/template/spec/containers/1/name").asText());
        assertEquals("/app-health/web/readyz", app.at("/readinessProbe/httpGet/path").asText());
        assertTrue(out.toString().endsWith("---\n"));
    }

    @Test
    void nativeSidecarsFollowTheFlagOrTheGivenKubeletVersion() throws Exception {
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of("ENABLE_NATIVE_SIDECARS", "true"), "-f", "-"), err.toString());
        JsonNode injected = YAML.readTree(out.toString().replace("---\n", ""));
        assertEquals(1, injected.at("/spec/template/spec/containers").size());
        assertEquals("Always", injected.at("/spec/template/spec/initContainers/1/restartPolicy").asText());
        out.reset();
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of(), "-f", "-", "--kubelet-version", "v1.34.1"), err.toString());
        assertEquals(1, YAML.readTree(out.toString().replace("---\n", "")).at("/spec/template/spec/containers").size());
    }

    @Test
    void reinjectingTheOutputChangesNothing() throws Exception {
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of(), "-f", "-"), err.toString());
        String once = out.toString();
        out.reset();
        assertEquals(0, kubeInject(once, Map.of(), "-f", "-"), err.toString());
        assertEquals(once, out.toString());
    }

    @Test
    void writesTheOutputFileOnlyOnSuccess() throws Exception {
        Path target = dir.resolve("out.yaml");
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of(), "-f", "-", "-o", target.toString()));
        assertTrue(Files.readString(target).contains("istio-proxy"));
        assertEquals("", out.toString());
        Path failed = dir.resolve("failed.yaml");
        assertEquals(1, kubeInject(DEPLOYMENT + "---\nkind: Pod\nspec: [\n", Map.of(), "-f", "-", "-o", failed.toString()));
        assertFalse(Files.exists(failed));
        assertTrue(err.toString().contains("document 2 (line 18): YAML does not parse"), err.toString());
    }

    @Test
    void badInputsGiveClearMessagesAndNoOutput() throws Exception {
        assertEquals(2, kubeInject("", Map.of(), "-f", dir.resolve("missing.yaml").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(1, kubeInject("apiVersion: v1\nkind: Service\n---\nfoo: bar\n", Map.of(), "-f", "-"));
        assertTrue(err.toString().contains("document 2 (line 4): document has no kind"), err.toString());
        assertEquals(2, kubeInject("", Map.of(), "-f", "-", "--injectConfigFile", dir.resolve("nope").toString()));
        assertEquals("", out.toString());
    }

    @Test
    void acceptsAnExportedConfigMapAndABareTemplate() throws Exception {
        Path template = dir.resolve("sidecar.tmpl");
        Files.writeString(template, "metadata:\n  labels:\n    injected-by: '{{ .Revision | default \"none\" }}'\n");
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of(), "-f", "-", "--injectConfigFile", template.toString()), err.toString());
        assertEquals("none", YAML.readTree(out.toString().replace("---\n", ""))
                .at("/spec/template/metadata/labels/injected-by").asText());

        out.reset();
        Path cm = dir.resolve("cm.yaml");
        Files.writeString(cm, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: istio-sidecar-injector}
                data:
                  config: |
                    templates:
                      sidecar: |
                        metadata:
                          annotations:
                            from-configmap: "{{ .Values.marker }}"
                  values: '{"marker": "yes"}'
                """);
        assertEquals(0, kubeInject(DEPLOYMENT, Map.of(), "-f", "-", "--injectConfigFile", cm.toString()), err.toString());
        assertEquals("yes", YAML.readTree(out.toString().replace("---\n", ""))
                .at("/spec/template/metadata/annotations/from-configmap").asText());
    }

    @Test
    void explainSaysWhyAndWhat() {
        assertEquals(0, explain(DEPLOYMENT, "-f", "-", "--namespace-labels", "istio-injection=enabled"), err.toString());
        String report = out.toString();
        assertTrue(report.contains("namespace.sidecar-injector.istio.io"), report);
        assertTrue(report.contains("decision:        inject"), report);
        assertTrue(report.contains("web readinessProbe: httpGet /ready port 8080 -> httpGet /app-health/web/readyz port 15020"),
                report);
        out.reset();
        assertEquals(0, explain(DEPLOYMENT, "-f", "-", "--namespace-labels", "team=a"));
        assertTrue(out.toString().contains("not called"), out.toString());
        out.reset();
        assertEquals(2, explain(DEPLOYMENT, "-f", "-", "--namespace-labels", "broken"));
        assertTrue(err.toString().contains("expected key=value"), err.toString());
    }

    @Test
    void splitsLikeKubernetesYamlReader() {
        List<YamlDocuments.Document> docs = YamlDocuments.split("---\na: 1\n--- # comment\n---\nb: 2\n---   \nc: 3");
        assertEquals(List.of("a: 1\n", "b: 2\n", "c: 3"), docs.stream().map(YamlDocuments.Document::text).toList());
        assertEquals(5, docs.get(1).line());
    }
}
