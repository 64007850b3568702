package dev.meshhook.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code meshhook.cluster.*}: how meshhook uses the Kubernetes API (see docs/operations.md). */
@ConfigMapping(prefix = "meshhook.cluster")
public interface ClusterSettings {

    /**
     * {@code auto} (default): on when running in a pod ({@code KUBERNETES_SERVICE_HOST}), when {@code KUBECONFIG} is
     * set, or when {@code quarkus.kubernetes-client.api-server-url} (or fabric8's {@code kubernetes.master}) is configured; {@code true}/{@code false} force it.
     */
    @WithDefault("auto")
    String enabled();

    /** Namespace of the ConfigMaps, Secret and Lease; default {@code POD_NAMESPACE}, else {@code istio-system}. */
    Optional<String> namespace();

    /**
     * Istio revision; ConfigMap names get {@code -<rev>} unless empty or {@code default}. Default: the service's
     * {@code meshhook.revision} ({@code MESHHOOK_REVISION}), else {@code REVISION}.
     */
    Optional<String> revision();

    /** The id of this cluster as injection templates name it (Istio's {@code CLUSTER_ID}, default {@code Kubernetes}). */
    Optional<String> clusterId();

    /** This replica's identity for leader election; default {@code POD_NAME}, else the host name. */
    Optional<String> identity();

    /** Watch ConfigMaps {@code istio-sidecar-injector[-rev]} and {@code istio[-rev]} and hot-swap the injector config. */
    @WithDefault("true")
    boolean watchConfig();

    /** Keep node and namespace informers for native-sidecar detection and namespace lookups. */
    @WithDefault("true")
    boolean clusterFacts();

    Certs certs();

    interface Certs {
        /**
         * {@code managed}: meshhook creates, shares (Secret) and rotates its certificates and patches caBundles.
         * {@code external}: certificates come from elsewhere (cert-manager, mounted files); nothing is written or patched.
         */
        @WithDefault("managed")
        String mode();

        /** TLS directory the HTTPS server reloads from; default {@code meshhook.tls.dir}, else {@code certs}. */
        Optional<String> dir();

        @WithDefault("meshhook-webhook-certs")
        String secret();

        @WithDefault("meshhook-webhook-certs-leader")
        String lease();

        /** Service name for the serving certificate's DNS names. */
        @WithDefault("meshhook")
        String service();

        @WithDefault("cluster.local")
        String clusterDomain();

        @WithDefault("127.0.0.1")
        List<String> ipAddresses();

        @WithDefault("meshhook-sidecar-injector")
        List<String> mutatingWebhookConfigurations();

        @WithDefault("meshhook-validator")
        List<String> validatingWebhookConfigurations();

        @WithDefault("365d")
        Duration caValidity();

        @WithDefault("30d")
        Duration servingValidity();

        /** Renew when less than this fraction of a certificate's lifetime is left. */
        @WithDefault("0.3333")
        double renewRemaining();

        @WithDefault("1h")
        Duration overlap();

        /** Longest sleep between two checks of the certificates (events and due dates wake it earlier). */
        @WithDefault("10m")
        Duration checkInterval();

        @WithDefault("15s")
        Duration leaseDuration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }
}
