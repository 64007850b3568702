package dev.meshhook.inject;

import java.util.Map;
import java.util.Optional;

/**
 * What the injector may read from the cluster (supplied by the informer adapter): node kubelet versions for
 * native-sidecar auto-detection (inject-spec f.8) and namespace annotations for OpenShift UID/GID ranges (f.9).
 */
public interface ClusterFacts {

    /**
     * Kubelet version ({@code status.nodeInfo.kubeletVersion}) by node name for the cluster, or empty when there is
     * no client for that cluster (auto-detection then yields false).
     */
    Optional<Map<String, String>> kubeletVersions(String clusterId);

    /** Annotations of the namespace, or empty when the namespace is unknown (or no client for the cluster). */
    Optional<Map<String, String>> namespaceAnnotations(String clusterId, String namespace);

    /**
     * A number that changes whenever an answer of this object may have changed (fixed facts: always 0). Lets
     * callers keep results computed from the facts until then.
     */
    default long generation() {
        return 0;
    }

    /** No cluster access at all: auto-detection yields false, OpenShift lookups find nothing. */
    ClusterFacts NONE = new ClusterFacts() {
        @Override
        public Optional<Map<String, String>> kubeletVersions(String clusterId) {
            return Optional.empty();
        }

        @Override
        public Optional<Map<String, String>> namespaceAnnotations(String clusterId, String namespace) {
            return Optional.empty();
        }
    };

    /** Fixed facts for one cluster (tests, kube-inject with a node list). */
    static ClusterFacts of(Map<String, String> kubeletVersionsByNode, Map<String, Map<String, String>> namespaceAnnotations) {
        Map<String, String> nodes = Map.copyOf(kubeletVersionsByNode);
        Map<String, Map<String, String>> ns = Map.copyOf(namespaceAnnotations);
        return new ClusterFacts() {
            @Override
            public Optional<Map<String, String>> kubeletVersions(String clusterId) {
                return Optional.of(nodes);
            }

            @Override
            public Optional<Map<String, String>> namespaceAnnotations(String clusterId, String namespace) {
                return Optional.ofNullable(ns.get(namespace));
            }
        };
    }
}
