/**
 * Strategic merge of rendered injection templates into a pod, and the Go round trip of k8s objects
 * (inject-spec e.1-e.7, j.11, l.4). Pure: Jackson trees in, Jackson trees out; no Quarkus, CDI or fabric8.
 *
 * <p>Contract for the orchestrator (dev.meshhook.inject):
 * <ul>
 *   <li>{@link dev.meshhook.inject.merge.PodShape#pod} — Go round trip of a Pod ("Go-JSON" shape: struct field
 *       order, omitempty, canonical quantities, unknown keys dropped). Use it for the diff base (g) too.</li>
 *   <li>{@link dev.meshhook.inject.merge.StrategicMerge#apply} — one overlay onto a pod; returns a NEW Go-shaped
 *       pod, inputs untouched. Errors are {@link dev.meshhook.inject.merge.PodMergeException} whose message is
 *       {@code strategic merge: <reason>} (or {@code unmarshal patched pod: <reason>}); prefix it with
 *       {@code failed applying injection overlay: } (template pod) or {@code failed parsing generated injected
 *       YAML (check Istio sidecar injector configuration): } (merged pod).</li>
 *   <li>{@link dev.meshhook.inject.merge.ContainerOverrides#reapply} — e.6 ({@code reapplyOverwrittenContainers}
 *       incl. {@code adjustInitContainerUser}); prefix errors with {@code failed to re apply container: }.</li>
 *   <li>{@link dev.meshhook.inject.merge.GoJson#write} — Go {@code encoding/json} text of a Go-shaped tree.</li>
 * </ul>
 */
package dev.meshhook.inject.merge;
