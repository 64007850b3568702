package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.Pods;

import java.util.Map;
import java.util.TreeMap;

/** f.2 {@code overwriteClusterInfo}: path/cluster/network env vars replace proxy env entries, appended sorted. */
final class ClusterEnv {

    private ClusterEnv() {
    }

    static void apply(ObjectNode pod, Map<String, String> proxyEnvs) {
        ObjectNode proxy = Pods.findSidecar(pod);
        if (proxy == null || proxyEnvs.isEmpty()) {
            return;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        JsonNode env = proxy.get("env");
        if (env != null) {
            for (JsonNode e : env) {
                if (!proxyEnvs.containsKey(e.path("name").asText(""))) {
                    kept.add(e);
                }
            }
        }
        proxy.set("env", kept);
        for (Map.Entry<String, String> e : new TreeMap<>(proxyEnvs).entrySet()) {
            EnvVars.append(proxy, e.getKey(), e.getValue());
        }
    }
}
