package dev.meshhook.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Short timings so leader election and rotation happen within a test. */
public class ClusterTestProfile implements QuarkusTestProfile {

    static final String TLS_DIR = "target/cluster-it/tls";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("meshhook.cluster.namespace", ClusterTestSetup.NS),
                Map.entry("meshhook.cluster.identity", "replica-1"),
                Map.entry("meshhook.cluster.certs.dir", TLS_DIR),
                Map.entry("meshhook.cluster.certs.lease-duration", "8s"),
                Map.entry("meshhook.cluster.certs.renew-deadline", "6s"),
                Map.entry("meshhook.cluster.certs.retry-period", "1s"),
                Map.entry("meshhook.cluster.certs.check-interval", "2s"));
    }
}
