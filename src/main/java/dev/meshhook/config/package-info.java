/**
 * Injector configuration for the running service: where it comes from and which one is in force.
 *
 * <h2>For feeders (file watcher here, ConfigMap informer in {@code dev.meshhook.cluster})</h2>
 * Inject {@code ConfigHolder<InjectorSetup>} (one application-wide instance, produced by
 * {@link dev.meshhook.config.InjectionConfigService}) and offer texts exactly as Istio stores them:
 * <ul>
 *   <li>{@link dev.meshhook.config.ConfigHolder#offerInjector(String, String, String)} with the {@code config} and
 *       {@code values} keys of ConfigMap {@code istio-sidecar-injector[-<rev>]};</li>
 *   <li>{@link dev.meshhook.config.ConfigHolder#offerMesh(String, String)} with the {@code mesh} key of ConfigMap
 *       {@code istio[-<rev>]};</li>
 *   <li>{@link dev.meshhook.config.ConfigHolder#offer(InjectorSources)} with all three at once;</li>
 *   <li>{@link dev.meshhook.config.ConfigHolder#reject(String, String)} when the source itself is unusable (missing
 *       key, deleted ConfigMap): the last good configuration stays and the reason shows in readiness.</li>
 * </ul>
 * Every offer compiles the texts first; only a configuration that compiles replaces the current one, in one
 * atomic swap. Identical texts are a no-op. The result says what happened (Accepted / Rejected / Unchanged).
 *
 * <h2>For readers</h2>
 * Call {@link dev.meshhook.config.ConfigHolder#current()} once per request and use that snapshot throughout.
 * {@link dev.meshhook.config.ConfigHolder#onChange} reports every accepted swap.
 *
 * <h2>Sources</h2>
 * {@code meshhook.injector.dir} (env {@code MESHHOOK_INJECTOR_DIR}): a directory with files {@code config} and
 * {@code values} (the ConfigMap mounted as a volume); {@code meshhook.mesh.file} ({@code MESHHOOK_MESH_FILE}); each
 * absent one falls back to the embedded defaults ({@code EmbeddedDefaults}). Files are watched (100 ms debounce,
 * as istiod) and re-read periodically ({@code meshhook.config.recheck-period}).
 */
package dev.meshhook.config;
