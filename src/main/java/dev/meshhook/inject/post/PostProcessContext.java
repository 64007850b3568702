package dev.meshhook.inject.post;

import java.util.Map;
import java.util.Objects;

/**
 * Everything post-processing (inject-spec f.1-f.7) reads besides the pods, as plain values.
 *
 * @param proxyEnvs                       path-encoded env overrides (a.5) after d.1 step 2 added
 *                                        {@code ISTIO_META_CLUSTER_ID} / {@code ISTIO_META_NETWORK}; may be empty
 * @param meshStatusPort                  mesh {@code defaultConfig.statusPort} (Prometheus target and probe port)
 * @param meshEnablePrometheusMerge       mesh {@code enablePrometheusMerge}, null when unset
 * @param valuesRewriteAppHTTPProbe       values {@code sidecarInjectorWebhook.rewriteAppHTTPProbe} (missing = false)
 * @param revision                        injector revision; empty means {@code default} in the status annotation
 * @param injectedAnnotations             config {@code injectedAnnotations}, set last (overwriting)
 * @param holdApplicationUntilProxyStarts f.7: mesh defaultConfig (with the original pod's
 *                                        {@code proxy.istio.io/config} applied) or values
 *                                        {@code global.proxy.holdApplicationUntilProxyStarts}
 */
public record PostProcessContext(Map<String, String> proxyEnvs, int meshStatusPort, Boolean meshEnablePrometheusMerge,
                                 boolean valuesRewriteAppHTTPProbe, String revision,
                                 Map<String, String> injectedAnnotations, boolean holdApplicationUntilProxyStarts) {

    public PostProcessContext {
        proxyEnvs = proxyEnvs == null ? Map.of() : Map.copyOf(proxyEnvs);
        injectedAnnotations = injectedAnnotations == null ? Map.of() : Map.copyOf(injectedAnnotations);
        revision = Objects.requireNonNullElse(revision, "");
    }

    /** Defaults of a standard install: status port 15020, merge unset, no rewrite, revision default. */
    public static PostProcessContext defaults() {
        return new PostProcessContext(Map.of(), 15020, null, false, "", Map.of(), false);
    }

    public PostProcessContext withProxyEnvs(Map<String, String> envs) {
        return new PostProcessContext(envs, meshStatusPort, meshEnablePrometheusMerge, valuesRewriteAppHTTPProbe,
                revision, injectedAnnotations, holdApplicationUntilProxyStarts);
    }

    public PostProcessContext withRewriteAppHTTPProbe(boolean rewrite) {
        return new PostProcessContext(proxyEnvs, meshStatusPort, meshEnablePrometheusMerge, rewrite, revision,
                injectedAnnotations, holdApplicationUntilProxyStarts);
    }

    public PostProcessContext withHold(boolean hold) {
        return new PostProcessContext(proxyEnvs, meshStatusPort, meshEnablePrometheusMerge, valuesRewriteAppHTTPProbe,
                revision, injectedAnnotations, hold);
    }
}
