package dev.meshhook.config;

import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorConfigException;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.MeshConfig;

import java.util.List;

/**
 * One compiled injector configuration: the parsed {@code config}, {@code values} and mesh config and the
 * {@link Injector} built from them (templates parsed once), shared by every request that sees this snapshot.
 *
 * @param warnings load-time warnings Istio would log for this configuration (e.g. no templates)
 */
public record InjectorSetup(InjectorSources sources, InjectorConfig config, InjectorValues values, MeshConfig mesh,
                            Injector injector, List<String> warnings) {

    /**
     * Compiles texts; throws IllegalArgumentException with Istio's wording when they are not usable (a YAML or
     * values error, a template that does not parse).
     */
    public static InjectorSetup compile(InjectorSources sources, String revision, InjectorEnv env,
                                        ClusterFacts cluster) {
        InjectorConfig config;
        InjectorValues values;
        MeshConfig mesh;
        try {
            config = InjectorConfig.parse(sources.config());
        } catch (InjectorConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            values = InjectorValues.parse(sources.values());
        } catch (InjectorConfigException e) {
            throw new IllegalArgumentException("failed to create new values config: " + e.getMessage(), e);
        }
        try {
            mesh = MeshConfig.parse(sources.mesh());
        } catch (InjectorConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Injector injector;
        try {
            injector = Injector.create(config, values, mesh, revision, env, cluster);
        } catch (InjectorConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new InjectorSetup(sources, config, values, mesh, injector, config.warnings());
    }

    /** The configuration packaged into the jar ({@link EmbeddedDefaults}). */
    public static InjectorSources embeddedSources() {
        return new InjectorSources(EmbeddedDefaults.config(), EmbeddedDefaults.values(), EmbeddedDefaults.mesh(),
                "embedded");
    }
}
