package dev.meshhook.cluster;

import dev.meshhook.inject.ClusterFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * The {@link ClusterFacts} bean for the injector: the informers' view when a cluster is configured, otherwise
 * {@link ClusterFacts#NONE} (no client, as istiod without a cluster).
 */
@ApplicationScoped
public class LiveClusterFacts implements ClusterFacts {

    @Inject
    ClusterRuntime runtime;

    private ClusterFacts delegate() {
        return runtime.facts().<ClusterFacts>map(f -> f).orElse(ClusterFacts.NONE);
    }

    @Override
    public Optional<Map<String, String>> kubeletVersions(String clusterId) {
        return delegate().kubeletVersions(clusterId);
    }

    @Override
    public Optional<Map<String, String>> namespaceAnnotations(String clusterId, String namespace) {
        return delegate().namespaceAnnotations(clusterId, namespace);
    }
}
