package dev.meshhook.config;

import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectionCache;
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
 * @param cache    the injector with its memory of recent identical requests (what the webhook calls)
 * @param warnings load-time warnings Istio would log for this configuration (e.g. no templates)
 */
public record InjectorSetup(InjectorSources sources, InjectorConfig config, InjectorValues values, MeshConfig mesh,
                            InjectionCache cache, List<String> warnings) {

    /** The injector built from these texts (templates parsed once). */
    public Injector injector() {
        return cache.injector();
    }

    /** {@link #compile(InjectorSources, String, InjectorEnv, ClusterFacts, int)} with the default cache size. */
    public static InjectorSetup compile(InjectorSources sources, String revision, InjectorEnv env,
                                        ClusterFacts cluster) {
        return compile(sources, revision, env, cluster, InjectionCache.DEFAULT_ENTRIES);
    }

    /**
     * Compiles texts; throws IllegalArgumentException with Istio's wording when they are not usable (a YAML or
     * values error, a template that does not parse).
     *
     * @param cacheEntries injections remembered for identical repeat requests, 0 for none ({@link InjectionCache})
     */
    public static InjectorSetup compile(InjectorSources sources, String revision, InjectorEnv env,
                                        ClusterFacts cluster, int cacheEntries) {
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
        return new InjectorSetup(sources, config, values, mesh, new InjectionCache(injector, cacheEntries),
                config.warnings());
    }

    /** The configuration packaged into the jar ({@link EmbeddedDefaults}). */
    public static InjectorSources embeddedSources() {
        return new InjectorSources(EmbeddedDefaults.config(), EmbeddedDefaults.values(), EmbeddedDefaults.mesh(),
                "embedded");
    }
}
