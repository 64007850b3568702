package dev.meshhook.inject.post;

import static dev.meshhook.inject.post.PipelineSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.Pods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

class SmallRulesTest {

    @ParameterizedTest(name = "[{0}] -> [{2}]")
    @CsvSource(delimiter = '|', value = {
        "''|default/istio-cni|default/istio-cni",
        "macvlan-conf|default/istio-cni|macvlan-conf, default/istio-cni",
        "macvlan-conf, default/istio-cni|default/istio-cni|macvlan-conf, default/istio-cni",
        "[{\"name\": \"macvlan-conf\"}]|default/istio-cni|[{\"name\": \"macvlan-conf\"}, {\"name\": \"istio-cni\", \"namespace\": \"default\"}]",
        "[{\"name\": \"istio-cni\", \"namespace\": \"default\"}]|default/istio-cni|[{\"name\": \"istio-cni\", \"namespace\": \"default\"}]",
        "[{\"name\": \"a\"}]|istio-cni|[{\"name\": \"a\"}, {\"name\": \"istio-cni\"}]",
        "[not json]|default/istio-cni|[not json]",
    })
    void multus(String existing, String net, String expected) {
        assertEquals(expected, MultusNetwork.append(existing, net));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "1000620000/10000|1000620000/10000|1000629999|1000629999",
        "1000-2000|3000/10,4000/10|2000|3009",
        "1000-2000|-|2000|2000",
        "bad|bad|1337|1337",
        "-|-|1337|1337",
    })
    void openShiftIds(String uidRange, String groups, long uid, long gid) {
        Map<String, String> ns = new java.util.HashMap<>();
        if (!uidRange.equals("-")) {
            ns.put(OpenShift.UID_RANGE, uidRange);
        }
        if (!groups.equals("-")) {
            ns.put(OpenShift.SUPPLEMENTAL_GROUPS, groups);
        }
        assertArrayEquals(new long[] {uid, gid}, OpenShift.proxyIds(ns));
    }

    @Test
    void openShiftResetsMatchingProxyUser() {
        ObjectNode pod = yaml("""
                metadata: {name: p}
                spec:
                  containers:
                  - {name: app, securityContext: {runAsUser: 1000620000}}
                  - {name: istio-proxy, securityContext: {runAsUser: 1000620000, runAsGroup: 5, readOnlyRootFilesystem: false}}
                """);
        assertNotNull(OpenShift.resetProxyUserMatchingApp(pod));
        assertEquals("{\"readOnlyRootFilesystem\":false}", Pods.findSidecar(pod).get("securityContext").toString());
        ObjectNode different = yaml("""
                spec:
                  containers:
                  - {name: app, securityContext: {runAsUser: 1}}
                  - {name: istio-proxy, securityContext: {runAsUser: 2}}
                """);
        assertNull(OpenShift.resetProxyUserMatchingApp(different));
    }

    @ParameterizedTest
    @CsvSource({"prometheus.io/scrape, prometheus_io_scrape", "prometheus-io.port, prometheus_io_port",
        "a~b/ü, a_b__"})
    void sanitize(String in, String out) {
        assertEquals(out, PrometheusMerge.sanitize(in));
    }
}
