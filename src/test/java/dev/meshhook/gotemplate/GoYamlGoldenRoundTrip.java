package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Re-emits the go-yaml-produced golden injection outputs and compares them byte for byte. */
final class GoYamlGoldenRoundTrip {
    private GoYamlGoldenRoundTrip() {}

    static final Path FIXTURES = Path.of("..", "shared", "conformance", "istio-inject", "fixtures");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".injected")).sorted().toList();
        }
    }

    /** Returns null when every document of the file re-emits identically, else a description. */
    static String check(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String[] docs = text.split("(?m)^---\\n");
        for (String doc : docs) {
            if (doc.isBlank()) {
                continue;
            }
            JsonNode n = YAML.readTree(doc);
            if (n == null || n.isNull() || !emittedByGoYaml(n)) {
                continue;
            }
            String out = GoYaml.emit(n);
            if (!out.equals(doc)) {
                return firstDiff(doc, out);
            }
        }
        return null;
    }

    /** Documents kube-inject passes through verbatim keep their author's key order; go-yaml output is sorted. */
    static boolean emittedByGoYaml(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(GoYaml::compareKeys);
        return keys.equals(sorted);
    }

    static String firstDiff(String want, String got) {
        String[] a = want.split("\n", -1), b = got.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<eof>", y = i < b.length ? b[i] : "<eof>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + "\n  want: " + x + "\n  got:  " + y;
            }
        }
        return "differs";
    }

    public static void main(String[] args) throws IOException {
        int pass = 0;
        List<String> fails = new ArrayList<>();
        for (Path p : files()) {
            String r = check(p);
            if (r == null) {
                pass++;
            } else {
                fails.add(p.getFileName() + ": " + r);
            }
        }
        fails.forEach(System.out::println);
        System.out.println("pass=" + pass + " fail=" + fails.size());
    }
}
