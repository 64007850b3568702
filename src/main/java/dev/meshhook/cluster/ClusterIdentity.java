package dev.meshhook.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Resolved cluster settings: defaults from the pod's environment, names with Istio's revision suffixes. */
public record ClusterIdentity(boolean enabled, String enabledReason, String namespace, String revision, String clusterId,
                             String identity) {

    static ClusterIdentity resolve(ClusterSettings s, Map<String, String> env, Optional<String> apiServerUrl,
                                   Optional<String> serviceRevision) {
        String mode = s.enabled().trim().toLowerCase(Locale.ROOT);
        boolean enabled;
        String reason;
        switch (mode) {
            case "true" -> { enabled = true; reason = "meshhook.cluster.enabled=true"; }
            case "false" -> { enabled = false; reason = "meshhook.cluster.enabled=false"; }
            case "auto" -> {
                if (nonBlank(env.get("KUBERNETES_SERVICE_HOST"))) {
                    enabled = true; reason = "running in a pod";
                } else if (apiServerUrl.filter(ClusterIdentity::nonBlank).isPresent()) {
                    enabled = true; reason = "quarkus.kubernetes-client.api-server-url is set";
                } else if (nonBlank(System.getProperty("kubernetes.master")) || nonBlank(env.get("KUBERNETES_MASTER"))) {
                    enabled = true; reason = "kubernetes.master is set";
                } else if (nonBlank(env.get("KUBECONFIG")) && Files.isRegularFile(Path.of(env.get("KUBECONFIG").split(java.io.File.pathSeparator)[0]))) {
                    enabled = true; reason = "KUBECONFIG is set";
                } else {
                    enabled = false; reason = "no cluster detected";
                }
            }
            default -> throw new IllegalArgumentException(
                    "meshhook.cluster.enabled must be auto, true or false, got '" + s.enabled() + "'");
        }
        String namespace = s.namespace().filter(ClusterIdentity::nonBlank)
                .orElse(Optional.ofNullable(env.get("POD_NAMESPACE")).filter(ClusterIdentity::nonBlank).orElse("istio-system"));
        String revision = s.revision().or(() -> serviceRevision.filter(ClusterIdentity::nonBlank))
                .or(() -> Optional.ofNullable(env.get("MESHHOOK_REVISION")).filter(ClusterIdentity::nonBlank))
                .or(() -> Optional.ofNullable(env.get("REVISION"))).orElse("");
        String clusterId = s.clusterId().filter(ClusterIdentity::nonBlank)
                .orElse(Optional.ofNullable(env.get("CLUSTER_ID")).filter(ClusterIdentity::nonBlank).orElse("Kubernetes"));
        String identity = s.identity().filter(ClusterIdentity::nonBlank)
                .orElse(Optional.ofNullable(env.get("POD_NAME")).filter(ClusterIdentity::nonBlank).orElseGet(ClusterIdentity::hostName));
        return new ClusterIdentity(enabled, reason, namespace, revision.trim(), clusterId, identity);
    }

    /** {@code base} or {@code base-<rev>}: Istio's naming for revisioned ConfigMaps ({@code default} means none). */
    public String revisioned(String base) {
        return revision.isEmpty() || revision.equals("default") ? base : base + "-" + revision;
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "meshhook-" + ProcessHandle.current().pid();
        }
    }
}
