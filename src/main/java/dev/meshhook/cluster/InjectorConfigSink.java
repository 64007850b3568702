package dev.meshhook.cluster;

/**
 * Where the ConfigMap watcher hands new injector configuration: the service's config holder, which parses and
 * swaps atomically. Throwing means "rejected": the holder keeps its last good configuration and the message says why.
 */
public interface InjectorConfigSink {

    /**
     * @param config the {@code config} key of ConfigMap {@code istio-sidecar-injector[-rev]} (YAML)
     * @param values the {@code values} key (JSON)
     * @param mesh   the {@code mesh} key of ConfigMap {@code istio[-rev]}, empty for Istio's defaults
     * @param origin where it came from, e.g. {@code configmap:istio-system/istio-sidecar-injector@1234}
     */
    void install(String config, String values, String mesh, String origin);

    /** The source itself was unusable (a key missing): nothing to install, but the reason should show. */
    default void reject(String origin, String reason) {
    }
}
