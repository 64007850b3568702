package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Table-test helpers: objects written as YAML, expectations as exact messages or warnings. */
final class ValidationCases {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ConfigValidator VALIDATOR = new ConfigValidator();
    static final String DENY = ConfigValidator.INVALID_PREFIX;

    private ValidationCases() {}

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object of {@code kind} named {@code name} in namespace {@code ns} with the YAML {@code spec} body. */
    static JsonNode object(String apiVersion, String kind, String name, String ns, String spec) {
        String indented = spec.isBlank() ? "  {}" : spec.stripIndent().lines().map(l -> "  " + l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n" + indented + "\n");
    }

    static ValidationOutcome validate(JsonNode obj) {
        return VALIDATOR.validate(obj);
    }

    /** One row: a spec and what Istio answers. */
    record Row(String name, String spec, String message, List<String> warnings) {}

    static Row denied(String name, String spec, String errorText) {
        return new Row(name, spec, DENY + errorText, List.of());
    }

    static Row allowed(String name, String spec, String... warnings) {
        return new Row(name, spec, null, List.of(warnings));
    }

    /** Checks every row against objects of the given kind (name {@code objName}, namespace {@code ns}). */
    static List<Executable> check(String apiVersion, String kind, String objName, String ns, List<Row> rows) {
        List<Executable> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(() -> {
                ValidationOutcome o = validate(object(apiVersion, kind, objName, ns, r.spec()));
                if (r.message() == null) {
                    assertTrue(o.allowed(), r.name() + ": expected allowed, got " + o.message());
                    assertEquals(r.warnings(), o.warnings(), r.name() + ": warnings");
                } else {
                    assertFalse(o.allowed(), r.name() + ": expected denied");
                    assertEquals(r.message(), o.message(), r.name());
                    assertTrue(o.warnings().isEmpty(), r.name() + ": no warnings on denial");
                }
            });
        }
        return out;
    }
}
