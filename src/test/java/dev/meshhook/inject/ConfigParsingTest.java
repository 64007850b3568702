package dev.meshhook.inject;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigParsingTest {

    @Test
    void injectorConfigFields() throws Exception {
        InjectorConfig c = InjectorConfig.parse("""
                policy: disabled
                defaultTemplates: []
                aliases:
                  both: [sidecar, extra]
                neverInjectSelector:
                - matchLabels: {app: a}
                injectedAnnotations:
                  x: y
                template: "{{ Template_Version_And_Istio_Version_Mismatched_Check_Installation }}"
                templates:
                  sidecar: |
                    metadata: {}
                  extra: "spec: {}"
                """);
        assertEquals("disabled", c.policy());
        assertEquals(List.of("sidecar"), c.defaultTemplates());
        assertEquals(List.of("sidecar", "extra"), List.copyOf(c.templates().keySet()));
        assertEquals(Map.of("both", List.of("sidecar", "extra")), c.aliases());
        assertEquals(1, c.neverInjectSelector().size());
        assertEquals(Map.of("x", "y"), c.injectedAnnotations());
        assertTrue(c.warnings().isEmpty());
        assertEquals(List.of(InjectorConfig.EMPTY_TEMPLATES_WARNING), InjectorConfig.parse("policy: enabled").warnings());
    }

    @Test
    void badConfigsGiveClearErrors() {
        InjectorConfigException e = assertThrows(InjectorConfigException.class, () -> InjectorConfig.parse("policy: [a]"));
        assertTrue(e.getMessage().contains("policy"), e.getMessage());
        assertThrows(InjectorConfigException.class, () -> InjectorConfig.parse("- a\n- b"));
        assertThrows(InjectorConfigException.class, () -> InjectorConfig.parse("templates: {a: 1}"));
        assertThrows(InjectorConfigException.class, () -> InjectorConfig.parse("policy: 'unterminated"));
    }

    @Test
    void valuesAreFloatsAndTyped() throws Exception {
        InjectorValues v = InjectorValues.parse("{\"global\":{\"proxy\":{\"statusPort\":15020},\"multiCluster\":{\"clusterName\":\"c1\"}},"
                + "\"sidecarInjectorWebhook\":{\"rewriteAppHTTPProbe\":true}}");
        assertTrue(v.tree().at("/global/proxy/statusPort").isDouble());
        assertEquals("c1", v.clusterName());
        assertTrue(v.rewriteAppHTTPProbe());
        assertFalse(InjectorValues.parse("{}").rewriteAppHTTPProbe());
        InjectorConfigException e = assertThrows(InjectorConfigException.class, () -> InjectorValues.parse("{\"global\":{\"hub\":5}}"));
        assertTrue(e.getMessage().startsWith("could not parse configuration values:"));
        assertThrows(InjectorConfigException.class, () -> InjectorValues.parse("{not json"));
    }

    @Test
    void meshDefaultsAndProxyConfigLayering() throws Exception {
        MeshConfig m = MeshConfig.parse("""
                defaultConfig:
                  drainDuration: 23s
                  proxyMetadata: {A: "1"}
                trustDomain: example.org
                """);
        assertEquals(15001, m.proxyListenPort());
        assertEquals("example.org", m.trustDomain());
        assertEquals("{\"drainDuration\":\"23s\",\"proxyMetadata\":{\"A\":\"1\"}}", m.defaultConfig().toProtoJson());
        ProxyConfig annotated = m.defaultConfig().merge("{\"proxyMetadata\":{\"B\":\"2\"},\"discoveryAddress\":\"foo:123\",\"concurrency\":0}");
        assertEquals("{\"drainDuration\":\"23s\",\"discoveryAddress\":\"foo:123\",\"concurrency\":0,\"proxyMetadata\":{\"A\":\"1\",\"B\":\"2\"}}",
                annotated.toProtoJson());
        assertEquals("{}", MeshConfig.defaults().defaultConfig().toProtoJson());
        assertEquals("{\"tracing\":{}}", MeshConfig.parse("defaultConfig: {tracing: {}}").defaultConfig().toProtoJson());
        assertEquals("{\"holdApplicationUntilProxyStarts\":false}",
                ProxyConfig.DEFAULT.merge("holdApplicationUntilProxyStarts: false").toProtoJson());
        assertEquals("{\"interceptionMode\":\"TPROXY\"}", ProxyConfig.DEFAULT.merge("interception_mode: 1").toProtoJson());
        assertThrows(InjectorConfigException.class, () -> MeshConfig.parse("proxyListenPort: abc"));
        // a ProxyConfig field this model does not know is kept in mesh config, rejected in the pod annotation
        assertEquals("{\"futureField\":{\"a\":1}}", MeshConfig.parse("defaultConfig: {futureField: {a: 1}}").defaultConfig().toProtoJson());
        assertThrows(InjectorConfigException.class, () -> ProxyConfig.DEFAULT.merge("futureField: 1"));
    }

    @Test
    void durations() {
        assertEquals("1m30s", ProtoDuration.parse("90s").goString());
        assertEquals("1.5s", ProtoDuration.parse("1.5s").goString());
        assertEquals("1.500s", ProtoDuration.parse("1.5s").protoJson());
        assertEquals("100ms", ProtoDuration.parse("0.1s").goString());
        assertEquals("0s", ProtoDuration.parse("0s").goString());
        assertEquals("1h0m0s", ProtoDuration.parse("3600s").goString());
    }

    @Test
    void pathEnv() {
        List<String> w = new java.util.ArrayList<>();
        assertEquals(Map.of(), PathEnv.parse("/inject", w));
        assertEquals(Map.of("ISTIO_META_CLUSTER_ID", "cluster1", "ISTIO_META_NETWORK", "network1"),
                PathEnv.parse("/inject/cluster/cluster1/net/network1/", w));
        assertEquals(Map.of("ISTIO_META_CLUSTER_ID", "cluster/1"), PathEnv.parse("/inject/cluster/cluster--slash--1", w));
        assertEquals(Map.of("ISTIO_META_CLUSTER_ID", "cluster1", "CUSTOM_ENV", "foo"),
                PathEnv.parse("/inject/cluster/cluster1/custom_env/foo", w));
        assertTrue(w.isEmpty());
        assertEquals(Map.of("ISTIO_META_CLUSTER_ID", "cluster1"), PathEnv.parse("/inject/cluster/cluster1/network", w));
        assertEquals(1, w.size());
        assertEquals(Map.of("ISTIO_META_CLUSTER_ID", "cluster2", "ROOTPAGE", "/foo/bar"),
                PathEnv.parse("/inject/:ENV:cluster=cluster2:ENV:rootpage=/foo/bar", w));
        assertEquals(Map.of("ROOTPAGE1", "value1", "ROOTPAGE2", ":ENV:abcd=efgh"),
                PathEnv.parse("/inject/rootpage1/value1/rootpage2/:ENV:abcd=efgh", w));
        assertEquals(Map.of("ROOTPAGE1", "efgh"), PathEnv.parse("/inject/:ENV:rootpage1=efgh:ENV:=abb:ENV:=", w));
    }

    @Test
    void nativeSidecarDetection() {
        List<String> w = new java.util.ArrayList<>();
        ClusterFacts newer = ClusterFacts.of(Map.of("n1", "v1.33.0", "n2", "v1.34.0-gke.100"), Map.of());
        ClusterFacts mixed = ClusterFacts.of(Map.of("n1", "v1.33.0", "n2", "v1.28.0"), Map.of());
        assertTrue(Injector.detectNativeSidecars("auto", newer, "Kubernetes", "", w));
        assertFalse(Injector.detectNativeSidecars("auto", mixed, "Kubernetes", "", w));
        assertTrue(Injector.detectNativeSidecars("auto", mixed, "Kubernetes", "n1", w));
        assertTrue(Injector.detectNativeSidecars("auto", ClusterFacts.of(Map.of(), Map.of()), "Kubernetes", "", w));
        assertFalse(Injector.detectNativeSidecars("auto", ClusterFacts.NONE, "Kubernetes", "", w));
        assertTrue(Injector.detectNativeSidecars("true", ClusterFacts.NONE, "Kubernetes", "", w));
        assertFalse(Injector.detectNativeSidecars("false", newer, "Kubernetes", "", w));
        assertFalse(Injector.detectNativeSidecars("auto", ClusterFacts.of(Map.of("n", "garbage"), Map.of()), "Kubernetes", "", w));
    }
}
