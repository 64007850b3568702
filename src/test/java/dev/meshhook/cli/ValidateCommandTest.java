package dev.meshhook.cli;

import dev.meshhook.validate.ConfigValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        ValidateCommand cmd = new ValidateCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ConfigValidator());
        return new CommandLine(cmd).execute(args);
    }

    @Test
    void missingFileIsUnusableInput() {
        assertEquals(2, run("", "-f", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void documentWithoutKindIsUnusableAndPrintsNothingOnStdout() {
        String yaml = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: a, namespace: b}\n---\nfoo: bar\n";
        assertEquals(2, run(yaml, "-f", "-"));
        assertTrue(err.toString().contains("<stdin>:5: document 2 has no kind"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void badYamlNamesTheLine() {
        assertEquals(2, run("kind: Service\n---\nkind: Gateway\nspec: [\n", "-f", "-"));
        assertTrue(err.toString().contains("document 2 is not valid YAML"), err.toString());
    }

    @Test
    void skipsAndCountsNonIstioDocuments() throws Exception {
        Files.writeString(dir.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        assertEquals(0, run("", "-f", dir.toString()));
        assertTrue(out.toString().contains("0 Istio resources checked: 0 invalid, 0 with warnings; 1 other document skipped"),
                out.toString());
    }

    /** The offline command must agree with the webhook's decision on Istio's public sample. */
    @TestFactory
    Stream<DynamicTest> agreesWithThePublicValidationSample() throws Exception {
        Path sample = Path.of("../shared/conformance/istio-validation");
        Assumptions.assumeTrue(Files.isRegularFile(sample.resolve("cases.jsonl")),
                "../shared is absent: skipping the validation sample");
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(sample.resolve("cases.jsonl"))) {
            JsonNode c = json.readTree(line);
            tests.add(DynamicTest.dynamicTest(c.path("id").asText() + " " + c.path("file").asText(), () -> {
                out.reset();
                err.reset();
                int rc = run("", "-q", "-f", sample.resolve(c.path("file").asText()).toString());
                String got = rc == 1 ? "invalid" : rc == 0 && out.toString().contains(": warning: ") ? "warning"
                        : rc == 0 ? "valid" : "exit " + rc + ": " + err;
                assertEquals(c.path("expected").asText(), got, out.toString());
            }));
        }
        return tests.stream();
    }

    @Test
    void unknownIstioKindIsInvalid() {
        assertEquals(1, run("apiVersion: networking.istio.io/v1\nkind: Bogus\nmetadata: {name: x, namespace: y}\n", "-f", "-"));
        assertTrue(out.toString().contains("<stdin>:1: Bogus y/x: error: unrecognized type networking.istio.io/v1, Kind=Bogus"),
                out.toString());
    }
}
