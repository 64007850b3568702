package dev.meshhook.config;

import java.util.Objects;

/**
 * The injector configuration exactly as Istio ships it: the {@code config} (YAML) and {@code values} (JSON)
 * keys of ConfigMap {@code istio-sidecar-injector}, and the {@code mesh} key of ConfigMap {@code istio}
 * (inject-spec c.1-c.4). Texts are kept verbatim so a snapshot can always be re-parsed or shown.
 *
 * @param config the {@code config} YAML text
 * @param values the {@code values} JSON text
 * @param mesh   the mesh config YAML text, empty for Istio's defaults
 * @param origin where the texts came from, for logs and readiness details (e.g. {@code file:/etc/istio/inject})
 */
public record InjectorSources(String config, String values, String mesh, String origin) {
    public InjectorSources {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(values, "values");
        mesh = mesh == null ? "" : mesh;
        origin = origin == null ? "" : origin;
    }

    /** Same texts with the injector part replaced (ConfigMap {@code istio-sidecar-injector} changed). */
    public InjectorSources withInjector(String newConfig, String newValues, String newOrigin) {
        return new InjectorSources(newConfig, newValues, mesh, newOrigin);
    }

    /** Same texts with the mesh part replaced (ConfigMap {@code istio} changed). */
    public InjectorSources withMesh(String newMesh, String newOrigin) {
        return new InjectorSources(config, values, newMesh, newOrigin);
    }
}
