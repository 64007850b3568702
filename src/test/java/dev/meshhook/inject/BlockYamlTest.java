package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast YAML path must build exactly Jackson's tree, or decline (null) so Jackson parses instead. */
class BlockYamlTest {

    private static JsonNode jackson(String text) {
        try {
            JsonNode n = Json.YAML.readTree(text);
            return n == null ? MissingNode.getInstance() : n;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Accepted inputs: same tree (node classes included, via toString + equals) as Jackson. */
    @Test
    void acceptedDocumentsMatchJackson() {
        List<String> docs = List.of(
                "", "\n\n", "# only a comment\n", "a: 1\n",
                "a:\nb: 1\n",
                "k: true\nl: False\nm: null\nn: ~\no:\np: 0\nq: -12\nr: 2147483648\ns: 9223372036854775808\n",
                "k: hello world # comment\nl: a#b\nm: \"x: y\"\nn: 'it''s'\no: \"esc \\\" \\\\ \\n\"\n",
                "metadata:\n  labels:\n    app: x\n  annotations: {}\nspec:\n  containers: []\n",
                "spec:\n  containers:\n  - name: a\n    args:\n    - --x\n    - \"1\"\n    ports:\n    - containerPort: 80\n      name: http\n  - name: b\n",
                "spec:\n  containers:\n    - name: a\n      image: i\n    - name: b\n",
                "env:\n- name: A\n  value: |\n    {\"a\": 1}\n- name: B\n  value: |-\n    [\n      x\n\n    ]\n\n- name: C\n",
                "a: |\n  x\n\n  y\n\n\nb: |-\n  q\n\n",
                "list:\n-\n  a: 1\n- - x\n",
                "a:\n  - 1\n  -\n    b: c\n",
                "\"quoted key\": v\n'single': w\n",
                "k: -foo\nl: $(POD_NAMESPACE).svc\nm: istiod.istio-system.svc:15012\n",
                "metadata:\n  annotations: {\n    istio.io/rev: \"default\",\n    a.b/c: x,\n    n: 1, t: true\n  }\n  labels: {}\n",
                "a: {b: \"1\"}\nc: { 'd': e }\n", "a: {\nb: 1}\n", "a: {\n  b: 1,\n  \n\n  c: 2,\n}\n");
        for (String d : docs) {
            JsonNode fast = BlockYaml.parse(d);
            JsonNode slow = jackson(d);
            if (fast == null) continue;
            assertNotNull(slow, "fast path accepted YAML Jackson rejects: " + d);
            assertEquals(slow, fast, d);
            assertEquals(slow.toString(), fast.toString(), d);
        }
        // the common shapes above must really take the fast path
        assertNotNull(BlockYaml.parse("spec:\n  containers:\n  - name: a\n    args:\n    - --x\n"));
        assertNotNull(BlockYaml.parse("a: |\n  x\nb: |-\n  y\n"));
        assertNotNull(BlockYaml.parse("m:\n  annotations: {\n    a/b: \"x\",\n    \n  }\n"));
    }

    /** Anything outside the subset is declined, so Jackson decides (including its error messages). */
    @Test
    void declinesWhatItDoesNotModel() {
        for (String d : List.of("a: yes\n", "a: 1.5\n", "a: 0755\n", "a: 0x1F\n", "a: +5\n", "a: 1_000\n",
                "a: &x 1\nb: *x\n", "a: !!str 1\n", "---\na: 1\n", "a: [1, 2]\n", "a: {b: {c: 1}}\n",
                "a: {b: 1,, c: 2}\n", "a: {b: c d\n  e}\n", "a: >\n  x\n",
                "a:\tb\n", "a: b\n  c\n", "a: b: c\n", "  a: 1\n", "a: \"multi\n  line\"\n", "a: 2001-12-14\n",
                "a: \"\\u0041\"\n", "a:\n  b: 1\n c: 2\n")) {
            assertNull(BlockYaml.parse(d), d);
        }
    }
}
