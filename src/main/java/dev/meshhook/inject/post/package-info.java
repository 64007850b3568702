/**
 * Post-processing of the merged pod (inject-spec f.1-f.11). Pure functions on Jackson trees.
 *
 * <p>Contract for the orchestrator (dev.meshhook.inject):
 * <ul>
 *   <li>{@link dev.meshhook.inject.post.PostProcessor#apply} — f.1-f.7 in Istio's order on the merged pod (after
 *       {@link dev.meshhook.inject.merge.ContainerOverrides#reapply}); returns a new Go-shaped pod. Errors:
 *       {@link dev.meshhook.inject.post.PostProcessException}, prefix with {@code failed to process pod: }.</li>
 *   <li>{@link dev.meshhook.inject.post.OpenShift} — f.9 namespace UID/GID and the pre-snapshot proxy user reset.</li>
 *   <li>{@link dev.meshhook.inject.post.MultusNetwork#append} — f.10 (backs the {@code appendMultusNetwork}
 *       template function).</li>
 *   <li>{@link dev.meshhook.inject.post.PrometheusMerge#sanitize}, {@link dev.meshhook.inject.post.InjectionStatus}
 *       and {@link dev.meshhook.inject.post.AppProbes#dump} are public for stripPod (d.1 step 3) and tools.</li>
 * </ul>
 */
package dev.meshhook.inject.post;
