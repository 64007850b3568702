package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads ../shared/conformance/gotemplate/cases.jsonl, decodes its data encoding and runs one case. */
final class ConformanceCases {
    private ConformanceCases() {}

    static final Path CASES = Path.of("..", "shared", "conformance", "gotemplate", "cases.jsonl");
    private static final ObjectMapper M = new ObjectMapper();

    static List<JsonNode> load() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(CASES, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(M.readTree(line));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- data decoding (README section 3)

    static Object decodeUntyped(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode c : n) {
                l.add(decodeUntyped(c));
            }
            return l;
        }
        if (n.isObject()) {
            if (n.has("$int")) {
                return n.get("$int").longValue();
            }
            if (n.has("$float")) {
                JsonNode f = n.get("$float");
                if (f.isTextual()) {
                    switch (f.textValue()) {
                        case "NaN": return Double.NaN;
                        case "+Inf": return Double.POSITIVE_INFINITY;
                        default: return Double.NEGATIVE_INFINITY;
                    }
                }
                return f.doubleValue();
            }
            if (n.has("$type")) {
                return decodeTyped(GoType.parse(goTypeName(n.get("$type").textValue())), n.get("value"));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), decodeUntyped(e.getValue()));
            }
            return m;
        }
        throw new IllegalArgumentException("bare number in untyped context: " + n);
    }

    static String goTypeName(String t) {
        // make sure the struct types are registered
        KubeTypes.CONTAINER.type();
        return t.replace("metav1.", "v1.").replace("corev1.", "v1.");
    }

    private static final Map<GoType, GoStructType> STRUCTS = Map.of(
            KubeTypes.OBJECT_META.type(), KubeTypes.OBJECT_META,
            KubeTypes.CONTAINER.type(), KubeTypes.CONTAINER,
            KubeTypes.CONTAINER_PORT.type(), KubeTypes.CONTAINER_PORT);

    static Object decodeTyped(GoType t, JsonNode v) {
        switch (t.kind()) {
            case INTERFACE:
                return decodeUntyped(v);
            case BOOL:
                return v.booleanValue();
            case STRING:
                return v.textValue();
            case FLOAT64:
                return v.doubleValue();
            case FLOAT32:
                return v.floatValue();
            case SLICE: {
                if (v.isNull()) {
                    return new GoSlice(t, null);
                }
                List<Object> l = new ArrayList<>();
                for (JsonNode c : v) {
                    l.add(decodeTyped(t.elem(), c));
                }
                return t.elem() == GoType.ANY ? l : new GoSlice(t, l);
            }
            case MAP: {
                if (v.isNull()) {
                    return new GoMap(t, null);
                }
                Map<Object, Object> m = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Object key = t.key() == GoType.STRING || t.key() == GoType.ANY ? e.getKey()
                            : GoValues.makeInt(t.key(), new BigInteger(e.getKey()).longValue());
                    m.put(key, decodeTyped(t.elem(), e.getValue()));
                }
                return t == GoType.MAP_STRING_ANY ? m : new GoMap(t, m);
            }
            case STRUCT: {
                GoStructType st = STRUCTS.get(t);
                Map<String, Object> fields = new HashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    GoType ft = st.fields().get(st.indexOf(e.getKey())).type();
                    fields.put(e.getKey(), decodeTyped(ft, e.getValue()));
                }
                return GoStructValue.of(st, fields);
            }
            default:
                if (t.kind().name().startsWith("INT") || t.kind().name().startsWith("UINT")) {
                    return GoValues.makeInt(t, v.bigIntegerValue().longValue());
                }
                throw new IllegalArgumentException("cannot decode type " + t);
        }
    }

    // ---------------------------------------------------------------- running

    /** Runs a case; returns null on success or a failure description. */
    static String run(JsonNode c) {
        Map<String, String> env = new HashMap<>();
        if (c.has("env")) {
            c.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().textValue()));
        }
        FuncMap funcs = c.get("funcs").textValue().equals("go") ? FuncMaps.go()
                : FuncMaps.istio(k -> env.containsKey(k) ? env.get(k)
                        : k.equals("ISTIO_CONFORMANCE_SURELY_UNSET_VAR") ? null : System.getenv(k));
        JsonNode tn = c.get("template");
        String out;
        try {
            TemplateSet set;
            String entry;
            if (tn.isTextual()) {
                set = TemplateSet.parse("t", tn.textValue(), funcs);
                entry = "t";
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = tn.fields();
                Map.Entry<String, JsonNode> first = it.next();
                TemplateSet.Builder b = TemplateSet.builder(first.getKey(), funcs).add(first.getKey(), first.getValue().textValue());
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.add(e.getKey(), e.getValue().textValue());
                }
                set = b.build();
                entry = c.get("entry").textValue();
            }
            Object data = decodeUntyped(c.get("data"));
            out = set.execute(entry, data);
        } catch (TemplateException e) {
            if (!c.has("error")) {
                return "unexpected " + e.phase() + " error: " + e.getMessage();
            }
            String phase = c.get("error_phase").textValue();
            if (!phase.equalsIgnoreCase(e.phase().name())) {
                return "error in phase " + e.phase() + ", want " + phase + ": " + e.getMessage();
            }
            if (!e.getMessage().contains(c.get("error").textValue())) {
                return "error text\n  got:  " + e.getMessage() + "\n  want: " + c.get("go_error").textValue();
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            java.io.StringWriter sw = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(sw));
            String[] lines = sw.toString().split("\n");
            return "crash: " + String.join("\n", java.util.Arrays.copyOf(lines, Math.min(6, lines.length)));
        }
        if (c.has("error")) {
            return "expected error " + c.get("error").textValue() + ", got output " + GoFmt.quote(out);
        }
        String want = c.get("expected").textValue();
        if (!want.equals(out)) {
            return "output\n  got:  " + GoFmt.quote(out) + "\n  want: " + GoFmt.quote(want);
        }
        return null;
    }

    /** Quick runner for development: prints failures and the pass count. */
    public static void main(String[] args) throws IOException {
        int pass = 0, fail = 0;
        for (JsonNode c : load()) {
            if (args.length > 0 && !c.get("name").textValue().contains(args[0])) {
                continue;
            }
            String r = run(c);
            if (r == null) {
                pass++;
            } else {
                fail++;
                System.out.println("FAIL " + c.get("name").textValue() + "  tmpl=" + GoFmt.quote(c.get("template").toString()) + "\n  " + r);
            }
        }
        System.out.println("pass=" + pass + " fail=" + fail);
    }
}
