package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Table-test helper for the validate-sec kinds: wraps a spec in an object, validates it through
 * {@link ConfigValidator} and checks one expectation, written as
 * {@code ok} (allowed, no warnings), {@code warn:<text>} (allowed, a warning contains text),
 * {@code err:<text>} (denied, message contains text) or {@code msg:<text>} (denied with exactly
 * {@code configuration is invalid: <text>}, {@code \n}/{@code \t} unescaped).
 */
final class SecCases {
    private static final ObjectMapper M = new ObjectMapper();
    private static final ConfigValidator VALIDATOR = new ConfigValidator();

    private SecCases() {}

    static ValidationOutcome run(String apiVersion, String kind, String name, String namespace, String specJson,
                                 String annotationsJson) throws Exception {
        ObjectNode obj = M.createObjectNode();
        obj.put("apiVersion", apiVersion);
        obj.put("kind", kind);
        ObjectNode md = obj.putObject("metadata");
        md.put("name", name);
        md.put("namespace", namespace);
        if (annotationsJson != null) {
            md.set("annotations", M.readTree(annotationsJson));
        }
        if (specJson != null) {
            obj.set("spec", M.readTree(specJson));
        }
        return VALIDATOR.validate(obj);
    }

    static void check(String caseName, ValidationOutcome out, String expectation) {
        String where = caseName + ": " + out;
        if (expectation.equals("ok")) {
            assertTrue(out.allowed(), where);
            assertEquals(java.util.List.of(), out.warnings(), where);
        } else if (expectation.startsWith("warn:")) {
            assertTrue(out.allowed(), where);
            String text = expectation.substring(5);
            assertTrue(out.warnings().stream().anyMatch(w -> w.contains(text)), where);
        } else if (expectation.startsWith("err:")) {
            assertFalse(out.allowed(), where);
            assertTrue(out.message().contains(expectation.substring(4)), where);
        } else if (expectation.startsWith("msg:")) {
            assertFalse(out.allowed(), where);
            String text = expectation.substring(4).replace("\\n", "\n").replace("\\t", "\t");
            assertEquals("configuration is invalid: " + text, out.message(), where);
        } else {
            throw new IllegalArgumentException("bad expectation " + expectation);
        }
    }
}
