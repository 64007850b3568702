/**
 * Istio's sidecar injection pipeline as a pure library (no Quarkus, CDI or Kubernetes client): one code path for
 * the webhook and kube-inject.
 *
 * <h2>Building</h2>
 * <pre>
 * Injector injector = Injector.create(
 *         InjectorConfig.parse(configMap.get("config")),      // istio-sidecar-injector "config" (YAML)
 *         InjectorValues.parse(configMap.get("values")),      // istio-sidecar-injector "values" (JSON)
 *         MeshConfig.parse(meshConfigMap.get("mesh")),        // istio "mesh" (YAML), applied over Istio defaults
 *         "default",                                          // istiod REVISION ("default" for the default revision)
 *         InjectorEnv.fromVariables(System.getenv()),         // adapters read the environment, never the core
 *         clusterFacts);                                      // node kubelet versions, namespace annotations
 * </pre>
 * Bad input throws {@link dev.meshhook.inject.InjectorConfigException} with a message naming the input; templates are
 * parsed here, once. An {@code Injector} is immutable and thread-safe: swap the whole instance on reload.
 *
 * <h2>Using</h2>
 * <ul>
 *   <li>Webhook: {@link dev.meshhook.inject.Injector#inject} → {@link dev.meshhook.inject.InjectionOutcome}
 *       ({@code Injected} with the RFC 6902 patch and log-worthy warnings, {@code Skipped} with the decision reason
 *       — Istio logs {@code Skipping due to policy check}, {@code Failed} with Istio's {@code status.message}).</li>
 *   <li>kube-inject: {@link dev.meshhook.inject.KubeInject#injectObject} per parsed document (Go-JSON shaped
 *       result, {@code ===> Skipping …} warnings, {@link dev.meshhook.inject.InjectionException} aborts the run);
 *       the CLI splits/joins documents and emits YAML.</li>
 *   <li>explain: {@link dev.meshhook.inject.Injector#explain} — decision, reason and the templates that apply.</li>
 * </ul>
 * Strategic merge and post-processing live in {@code dev.meshhook.inject.merge} and {@code dev.meshhook.inject.post};
 * the template engine in {@code dev.meshhook.gotemplate}.
 */
package dev.meshhook.inject;
