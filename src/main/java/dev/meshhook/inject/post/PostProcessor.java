package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.Pods;

import java.util.Map;

/**
 * Istio's {@code postProcessPod} (inject-spec f.1-f.7), run on the merged pod after
 * {@link dev.meshhook.inject.merge.ContainerOverrides#reapply}.
 */
public final class PostProcessor {

    private PostProcessor() {
    }

    /**
     * Returns a new Go-shaped pod; the inputs are not modified.
     *
     * @param mergedPod   rendered templates merged onto the original pod (after e.6)
     * @param templatePod rendered templates merged onto an empty pod (source of the status annotation)
     * @param ctx         mesh/values/request settings
     * @throws PostProcessException Prometheus scrape validation errors (caller prefixes
     *                              {@code failed to process pod: })
     */
    public static ObjectNode apply(JsonNode mergedPod, JsonNode templatePod, PostProcessContext ctx)
            throws PostProcessException {
        return applyInPlace((ObjectNode) mergedPod.deepCopy(), templatePod, ctx);
    }

    /**
     * {@link #apply} on a merged pod the caller hands over: it is modified along the way (saves copying the
     * whole pod once per request). The returned pod is still a new Go-shaped tree.
     */
    public static ObjectNode applyInPlace(ObjectNode pod, JsonNode templatePod, PostProcessContext ctx)
            throws PostProcessException {
        // f.1: maps exist from here on; empty maps vanish again in the Go-JSON shape
        Pods.annotations(pod);
        Pods.labels(pod);
        ClusterEnv.apply(pod, ctx.proxyEnvs());
        PrometheusMerge.apply(pod, ctx.meshStatusPort(), ctx.meshEnablePrometheusMerge());
        PrometheusMerge.applySecurePort(pod);
        AppProbes.apply(pod, ctx);
        applyMetadata(pod, templatePod, ctx);
        ContainerOrder.apply(pod, ctx.holdApplicationUntilProxyStarts());
        try {
            return PodShape.pod(pod);
        } catch (GoDecodeException e) {
            throw new PostProcessException(e.getMessage());
        }
    }

    /** f.6: network label, status annotation, configured injected annotations. */
    static void applyMetadata(ObjectNode pod, JsonNode templatePod, PostProcessContext ctx) {
        String network = ctx.proxyEnvs().get("ISTIO_META_NETWORK");
        if (network != null) {
            Pods.labels(pod).put("topology.istio.io/network", network);
        }
        ObjectNode annotations = Pods.annotations(pod);
        annotations.put(Pods.STATUS_ANNOTATION, InjectionStatus.of(templatePod, ctx.revision()));
        for (Map.Entry<String, String> e : ctx.injectedAnnotations().entrySet()) {
            annotations.put(e.getKey(), e.getValue());
        }
    }
}
