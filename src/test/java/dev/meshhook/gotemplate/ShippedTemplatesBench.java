package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Development harness (not a unit test): parses the shipped injection templates of ../shared and runs the sidecar
 * template with a representative data object, printing per-execution latency percentiles.
 */
final class ShippedTemplatesBench {
    private ShippedTemplatesBench() {}

    static final Path INJECTOR = Path.of("..", "shared", "conformance", "istio-inject", "injector");

    static Map<String, TemplateSet> parseAll() throws Exception {
        JsonNode cfg = new ObjectMapper(new YAMLFactory()).readTree(INJECTOR.resolve("config.yaml").toFile());
        Map<String, TemplateSet> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = cfg.get("templates").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), TemplateSet.parse(e.getKey(), e.getValue().textValue(), FuncMaps.istio()));
        }
        return out;
    }

    static Map<String, Object> sampleData() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Object values = GoValues.fromJson(json.readTree(INJECTOR.resolve("values.json").toFile()));
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("sidecar.istio.io/proxyCPU", "100m");
        GoStructValue meta = GoStructValue.of(KubeTypes.OBJECT_META, Map.of(
                "Name", "hello", "Namespace", "default",
                "Labels", GoMap.ofStrings(Map.of("app", "hello", "version", "v1")),
                "Annotations", new GoMap(GoType.MAP_STRING_STRING, new LinkedHashMap<>(ann))));
        GoStructValue port = GoStructValue.of(KubeTypes.CONTAINER_PORT, Map.of("Name", "http", "ContainerPort", 80));
        GoStructValue c = GoStructValue.of(KubeTypes.CONTAINER, Map.of("Name", "hello", "Image", "fake.docker.io/google-samples/hello-go-gke:1.0",
                "Ports", new GoSlice(GoType.sliceOf(KubeTypes.CONTAINER_PORT.type()), List.of(port))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Containers", new GoSlice(KubeTypes.CONTAINER_SLICE, List.of(c)));
        spec.put("InitContainers", new GoSlice(KubeTypes.CONTAINER_SLICE, null));
        Map<String, Object> pc = new LinkedHashMap<>();
        pc.put("ProxyMetadata", GoMap.ofStrings(Map.of()));
        pc.put("InterceptionMode", new GoInt(GoType.enumType("v1alpha1.ProxyConfig_InboundInterceptionMode",
                Map.of(0L, "REDIRECT", 1L, "TPROXY", 2L, "NONE")), 0));
        Map<String, Object> mesh = new LinkedHashMap<>();
        mesh.put("TrustDomain", "cluster.local");
        mesh.put("ProxyListenPort", 15001);
        mesh.put("ProxyInboundListenPort", 15006);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("TypeMeta", Map.of("Kind", "Deployment", "APIVersion", "apps/v1"));
        d.put("DeploymentMeta", Map.of("Name", "hello", "Namespace", "default"));
        d.put("ObjectMeta", meta);
        d.put("Spec", spec);
        d.put("ProxyConfig", new GoProtoMessage() {
            @Override
            public GoType goType() { return GoType.pointerTo(GoType.struct("v1alpha1.ProxyConfig")); }

            @Override
            public Object member(String name) {
                if (name.equals("GetTracing")) {
                    GoNilPointer tls = new GoNilPointer(GoType.pointerTo(GoType.struct("v1alpha1.Tracing_TlsSettings")), Map.of());
                    return new GoNilPointer(GoType.pointerTo(GoType.struct("v1alpha1.Tracing")), Map.of("GetTlsSettings", tls));
                }
                if (name.equals("HoldApplicationUntilProxyStarts")) {
                    return new GoNilPointer(GoType.pointerTo(GoType.struct("wrapperspb.BoolValue")), Map.of("GetValue", false));
                }
                return pc.containsKey(name) ? pc.get(name) : NO_MEMBER;
            }

            @Override
            public JsonNode toJson() { return new ObjectMapper().createObjectNode(); }

            @Override
            public String toProtoJson() { return "{}"; }
        });
        d.put("MeshConfig", mesh);
        d.put("Values", values);
        d.put("Revision", "default");
        d.put("NativeSidecars", false);
        d.put("ProxyImage", "docker.io/istio/proxyv2:latest");
        d.put("ProxyInitImage", "docker.io/istio/proxyv2:latest");
        d.put("ProxyUID", new GoInt(GoType.INT64, 1337));
        d.put("ProxyGID", new GoInt(GoType.INT64, 1337));
        d.put("InboundTrafficPolicyMode", "passthrough");
        d.put("CompliancePolicy", "");
        return d;
    }

    public static void main(String[] args) throws Exception {
        parseAll();
        long t0 = System.nanoTime();
        Map<String, TemplateSet> sets = parseAll();
        System.out.printf("parsed %d templates in %.1f ms%n", sets.size(), (System.nanoTime() - t0) / 1e6);
        Map<String, Object> data = sampleData();
        for (Map.Entry<String, TemplateSet> e : sets.entrySet()) {
            try {
                String out = e.getValue().execute(data);
                System.out.println(e.getKey() + ": " + out.length() + " chars");
                if (args.length > 0 && args[0].equals(e.getKey())) {
                    System.out.println(out);
                }
            } catch (TemplateException ex) {
                System.out.println(e.getKey() + ": " + ex.getMessage());
            }
        }
        TemplateSet sidecar = sets.get("sidecar");
        for (int i = 0; i < 20000; i++) {
            sidecar.execute(data);
        }
        int n = 20000;
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            sidecar.execute(data);
            lat[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(lat);
        System.out.printf("sidecar execute: p50 %.1f us, p99 %.1f us, max %.1f us%n", lat[n / 2] / 1e3, lat[n * 99 / 100] / 1e3, lat[n - 1] / 1e3);
        List<String> unused = new ArrayList<>();
        unused.add(Files.exists(INJECTOR) ? "" : "no injector dir");
    }
}
