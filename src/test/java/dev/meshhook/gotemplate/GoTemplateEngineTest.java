package dev.meshhook.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Engine behaviour that needs no ../shared data. */
class GoTemplateEngineTest {

    private static String run(String tmpl, Object data) throws TemplateException {
        return TemplateSet.parse("t", tmpl, FuncMaps.istio()).execute(data);
    }

    private static Map<String, Object> values(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) GoValues.fromJson(new ObjectMapper().readTree(json));
        return m;
    }

    @Test
    void trimMarkersAndComments() throws Exception {
        assertEquals("a,b", run("a  \n {{- /* note */ -}} \n\t,{{- \"b\" }}", null));
        assertEquals("x y", run("{{ \"x\" }} {{- /* c */}} y", null));
    }

    @Test
    void rangeOverMapIsSortedAndElseRuns() throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("b", 2L);
        m.put("a", 1L);
        m.put("c", 3L);
        assertEquals("a=1;b=2;c=3;", run("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", m));
        assertEquals("none", run("{{range .}}x{{else}}none{{end}}", new ArrayList<>()));
        assertEquals("01", run("{{range $i, $e := .}}{{if eq $i 2}}{{break}}{{end}}{{$i}}{{end}}", List.of("a", "b", "c")));
    }

    @Test
    void missingKeyVersusTypedMapZeroValue() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Values", values("{\"global\":{\"hub\":\"docker.io\",\"tag\":1.2,\"port\":15020}}"));
        data.put("Labels", GoMap.ofStrings(Map.of("app", "x")));
        assertEquals("<no value>|<no value>|", run("{{.Values.nope}}|{{.Labels.nope}}|{{index .Labels \"nope\"}}", data));
        assertEquals("docker.io:1.2:15020", run("{{.Values.global.hub}}:{{.Values.global.tag}}:{{.Values.global.port}}", data));
        assertEquals("<no value>", run("{{.Values.nope.deeper}}", data));
    }

    @Test
    void explicitNilChainErrorHasGoShape() throws Exception {
        Map<String, Object> data = Map.of("Values", values("{\"a\":null}"));
        TemplateException e = assertThrows(TemplateException.class, () -> run("x\n  {{ .Values.a.b }}", data));
        assertEquals(TemplateException.Phase.EXEC, e.phase());
        assertEquals("template: t:2:12: executing \"t\" at <.Values.a.b>: nil pointer evaluating interface {}.b", e.getMessage());
    }

    @Test
    void parseErrorHasGoShape() {
        TemplateException e = assertThrows(TemplateException.class, () -> run("a\n{{ if .x }}", null));
        assertEquals(TemplateException.Phase.PARSE, e.phase());
        assertEquals("template: t:2: unexpected EOF", e.getMessage());
        e = assertThrows(TemplateException.class, () -> run("{{ nosuch 1 }}", null));
        assertEquals("template: t:1: function \"nosuch\" not defined", e.getMessage());
    }

    /** A protobuf-like message with a nil-safe getter chain and an enum field. */
    private static final GoType MODE = GoType.enumType("v1alpha1.ProxyConfig_InboundInterceptionMode",
            Map.of(0L, "REDIRECT", 1L, "TPROXY", 2L, "NONE"));

    private static final class Tracing implements GoStruct {
        private final String tls;

        Tracing(String tls) { this.tls = tls; }

        @Override
        public GoType goType() { return GoType.pointerTo(GoType.struct("v1alpha1.Tracing")); }

        @Override
        public boolean isNilPointer() { return tls == null; }

        @Override
        public Object member(String name) {
            if (name.equals("GetTlsSettings")) {
                return tls == null ? "" : tls;
            }
            if (name.equals("TlsSettings")) {
                return tls == null ? NO_MEMBER : tls;
            }
            return NO_MEMBER;
        }

        @Override
        public JsonNode toJson() { return new ObjectMapper().createObjectNode(); }
    }

    private static final class ProxyConfig implements GoStruct {
        private final Tracing tracing;

        ProxyConfig(Tracing tracing) { this.tracing = tracing; }

        @Override
        public GoType goType() { return GoType.pointerTo(GoType.struct("v1alpha1.ProxyConfig")); }

        @Override
        public Object member(String name) {
            switch (name) {
                case "GetTracing": return tracing == null ? new Tracing(null) : tracing;
                case "InterceptionMode": return new GoInt(MODE, 1);
                case "ProxyMetadata": return GoMap.ofStrings(Map.of("A", "1"));
                case "Concat": return (GoMethod) args -> args[0] + "-" + args[1];
                default: return NO_MEMBER;
            }
        }

        @Override
        public JsonNode toJson() { return new ObjectMapper().createObjectNode(); }
    }

    @Test
    void structsMethodsEnumsAndNilPointers() throws Exception {
        Map<String, Object> data = Map.of("PC", new ProxyConfig(null), "PC2", new ProxyConfig(new Tracing("tls")));
        assertEquals("[]|[tls]", run("[{{.PC.GetTracing.GetTlsSettings}}]|[{{.PC2.GetTracing.GetTlsSettings}}]", data));
        assertEquals("TPROXY TPROXY 1 TPROXY", run("{{.PC.InterceptionMode}} {{.PC.InterceptionMode.String}} {{printf \"%d\" .PC.InterceptionMode}} "
                + "{{annotation (dict) \"x\" .PC.InterceptionMode | default \"z\"}}".replace("(dict)", ".Meta"),
                Map.of("PC", new ProxyConfig(null), "Meta", GoStructValue.of(KubeTypes.OBJECT_META, Map.of()))));
        assertEquals("a-b", run("{{.PC.Concat \"a\" \"b\"}}", data));
        assertEquals("false", run("{{if .PC.GetTracing}}true{{else}}false{{end}}", data));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{.PC.GetTracing.TlsSettings}}", data));
        assertTrue(e.getMessage().endsWith("nil pointer evaluating *v1alpha1.Tracing.TlsSettings"), e.getMessage());
    }

    @Test
    void floatsPrintLikeGo() throws Exception {
        Map<String, Object> v = values("{\"a\":1000000,\"b\":15020,\"c\":0.00001,\"d\":1.20}");
        assertEquals("1e+06 15020 1e-05 1.2", run("{{.a}} {{.b}} {{.c}} {{.d}}", v));
        assertEquals("3.14|00042|ff|%!d(string=x)", run("{{printf \"%.2f|%05d|%x|%d\" 3.14159 42 255 \"x\"}}", null));
    }

    @Test
    void printfVerbsAndFlags() {
        assertEquals("  3.1|42    |+5|ff|FF|10|0xff|\"hi\\n\"|A|U+1F600|1.234568e+05|1.2345e-05|1.235e+03|true|   ab|ab   |ab| 7|float32",
                GoFmt.sprintf("%5.1f|%-6d|%+d|%x|%X|%o|%#x|%q|%c|%U|%e|%g|%8.3e|%t|%5s|%-5s|%.2s|% d|%T", 3.14159, 42L, 5L,
                        255L, 255L, 8L, 255L, "hi\n", 65L, 0x1F600L, 123456.789, 0.000012345, 1234.5678, true, "ab", "ab",
                        "abcdef", 7L, 1.5f));
        assertEquals("%!|(MISSING)%!d(MISSING)", GoFmt.sprintf("%|%d"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "x");
        m.put("a", 1L);
        m.put("n", null);
        assertEquals("map[string]interface {}{\"a\":1, \"b\":\"x\", \"n\":interface {}(nil)}|[]int(nil)|0x2a",
                GoFmt.sprintf("%#v|%#v|%#v", m, new GoSlice(GoType.sliceOf(GoType.INT), null), new GoInt(GoType.UINT, 42)));
        assertEquals("x%!(NOVERB)", GoFmt.sprintf("x%"));
        assertEquals("1%!(EXTRA string=a)", GoFmt.sprintf("%d", 1L, "a"));
    }

    @Test
    void goJsonNumbersAndEscaping() {
        assertEquals("{\"a\":[1e+21,1e-7,0.1,100,\"\\u003c\\u0026\\u003e\"],\"b\":null}",
                GoJson.encode(new java.util.TreeMap<>(Map.of("a", List.of(1e21, 1e-7, 0.1, 100.0, "<&>"),
                        "b", new GoMap(GoType.MAP_STRING_STRING, null)))));
        assertEquals(List.of(1.0, "x"), GoJson.decode("[1, \"x\"]"));
        assertThrows(IllegalArgumentException.class, () -> GoJson.decode("{\"a\":1} x"));
    }

    @Test
    void yamlLongAndMultilineKeysAreExplicit() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k".repeat(130), "v");
        m.put("a\nb", "c");
        assertEquals("? |-\n  a\n  b\n: c\n? " + "k".repeat(130) + "\n: v\n", GoYaml.emit(m));
    }

    @Test
    void defineTemplateAndBlock() throws Exception {
        String t = "{{define \"res\"}}cpu={{.cpu}}{{end}}[{{template \"res\" .}}]{{block \"b\" .}}dflt{{end}}";
        assertEquals("[cpu=1]dflt", run(t, Map.of("cpu", 1L)));
    }

    @Test
    void structToJsonFollowsGoFieldOrderAndOmitempty() throws Exception {
        GoStructValue port = GoStructValue.of(KubeTypes.CONTAINER_PORT, Map.of("Name", "http", "ContainerPort", 80));
        assertEquals("{\"name\":\"http\",\"containerPort\":80}", run("{{structToJSON .}}", port));
        assertEquals("containerPort: 80\nname: http\n", run("{{toYaml .}}", port));
    }

    @Test
    void yamlEmitterQuotingFoldingAndBlocks() throws Exception {
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("k8s.v1.cni.cncf.io/networks",
                "[{\"name\": \"alt_cni\"}, {\"name\": \"more_cni\", \"namespace\": \"kube-system\"}, {\"name\": \"istio-cni\", \"namespace\": \"default\"}]");
        ann.put("port", "15020");
        ann.put("star", "*");
        ann.put("multi", "a\nb");
        ann.put("multiNl", "{}\n");
        Map<String, Object> doc = Map.of("metadata", Map.of("annotations", ann), "list", List.of(Map.of("b", 1L, "a", true)));
        String want = "list:\n- a: true\n  b: 1\nmetadata:\n  annotations:\n"
                + "    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"alt_cni\"}, {\"name\": \"more_cni\", \"namespace\":\n"
                + "      \"kube-system\"}, {\"name\": \"istio-cni\", \"namespace\": \"default\"}]'\n"
                + "    multi: |-\n      a\n      b\n"
                + "    multiNl: |\n      {}\n"
                + "    port: \"15020\"\n"
                + "    star: '*'\n";
        assertEquals(want, GoYaml.emit(doc));
        assertEquals("a9: 2\na10: 1\n", GoYaml.emit(Map.of("a10", 1L, "a9", 2L)), "go-yaml orders digit runs numerically");
    }

    @Test
    void parsedSetIsThreadSafe() throws Exception {
        TemplateSet t = TemplateSet.parse("t", "{{range $i, $x := .items}}{{$x}}{{end}}/{{.name | upper}}", FuncMaps.istio());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int n = 0; n < 64; n++) {
                final int k = n;
                fs.add(pool.submit(() -> {
                    Map<String, Object> d = Map.of("items", List.of((long) k, "-", (long) k), "name", "n" + k);
                    for (int i = 0; i < 200; i++) {
                        if (!t.execute(d).equals(k + "-" + k + "/N" + k)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
