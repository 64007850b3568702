package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Supplier;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * {@code /inject} and {@code /inject/...}: Istio's sidecar-injector HTTP contract (inject-spec a.2-a.4, i.1)
 * around the pure injection pipeline. Every input gets an answer; nothing here throws.
 */
public final class InjectionWebhook {

    private static final Logger LOG = Logger.getLogger("dev.meshhook.inject.webhook");

    private final Supplier<Optional<PodInjector>> injector;
    private final WebhookMetrics metrics;

    /**
     * @param injector the current configuration's injector, empty while no configuration is loaded
     */
    public InjectionWebhook(Supplier<Optional<PodInjector>> injector, WebhookMetrics metrics) {
        this.injector = injector;
        this.metrics = metrics;
    }

    /** Handles one request whose body was read (or found too large) by the HTTP layer. */
    public HttpAnswer handle(String path, String contentType, RequestBody body) {
        long start = System.nanoTime();
        metrics.injectionRequest();
        try {
            HttpAnswer answer = answer(path, contentType, body);
            if (answer.status() == 200) {
                metrics.injectionSuccess();
            }
            return answer;
        } finally {
            metrics.injectionTime(System.nanoTime() - start);
        }
    }

    private HttpAnswer answer(String path, String contentType, RequestBody body) {
        if (body.tooLarge()) {
            return httpFailure(path, 400, body.tooLargeMessage());
        }
        if (body.isEmpty()) {
            return httpFailure(path, 400, "no body found");
        }
        if (!RequestBody.JSON.equals(contentType)) {
            metrics.injectionFailure();
            LOG.errorf("inject path=%s decision=rejected http=415 contentType=%s, expect application/json", path,
                    contentType);
            return HttpAnswer.plainError(415, "invalid Content-Type, want `application/json`");
        }
        AdmissionCodec.Decoded decoded = AdmissionCodec.decode(body.bytes(), true);
        if (decoded instanceof AdmissionCodec.Decoded.Undecodable u) {
            metrics.injectionFailure();
            LOG.errorf("inject path=%s decision=denied Could not decode %s: %s", path,
                    u.objectLevel() ? "object" : "body", u.message());
            return HttpAnswer.review(AdmissionCodec.response(null, null, "", false, u.message(), null, null));
        }
        AdmissionCodec.Decoded.Review review = (AdmissionCodec.Decoded.Review) decoded;
        if (review.request() == null) {
            return deny(path, review, "", "could not decode object: request is missing");
        }
        ObjectNode request = review.request();
        String uid = review.uid();
        JsonNode object = request.get("object");
        String podError = podShapeError(object);
        if (podError != null) {
            metrics.injectionFailure();
            LOG.errorf("inject path=%s uid=%s decision=denied Could not unmarshal raw object: %s", path, uid, podError);
            return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, false,
                    podError, null, null));
        }
        ObjectNode pod = (ObjectNode) object;
        // Istio clears managedFields before anything else (inject-spec a.4): they never reach the patch, and a
        // busy object's megabyte of them would otherwise be carried through every pipeline stage.
        if (pod.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        String podName = podName(pod, AdmissionCodec.text(request, "namespace"));
        Optional<PodInjector> current = injector.get();
        if (current.isEmpty()) {
            metrics.injectionFailure();
            LOG.errorf("inject path=%s pod=%s uid=%s decision=rejected http=503 no injector configuration loaded",
                    path, podName, uid);
            return HttpAnswer.plainError(503, "injector configuration not loaded yet");
        }
        InjectionOutcome outcome;
        try {
            outcome = current.get().inject(new InjectionRequest(pod, AdmissionCodec.text(request, "namespace"), path));
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in the pipeline must not turn into a 500: deny with the cause, as Istio does for injection errors.
            LOG.errorf(e, "inject path=%s pod=%s uid=%s injector failed unexpectedly", path, podName, uid);
            outcome = new InjectionOutcome.Failed("failed to inject: " + e);
        }
        return respond(path, podName, review, uid, outcome);
    }

    private HttpAnswer respond(String path, String podName, AdmissionCodec.Decoded.Review review, String uid,
                               InjectionOutcome outcome) {
        if (outcome instanceof InjectionOutcome.Injected injected) {
            if (injected.fromCache()) {
                metrics.injectionReused();
            }
            byte[] patch = AdmissionCodec.patchBytes(injected.patch());
            LOG.infof("inject path=%s pod=%s uid=%s decision=injected patchOps=%d patchBytes=%d%s", path, podName,
                    uid, injected.patch().size(), patch.length, injected.fromCache() ? " reused=true" : "");
            return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, true, null,
                    patch, null));
        }
        if (outcome instanceof InjectionOutcome.Skipped skipped) {
            metrics.injectionSkip();
            LOG.infof("inject path=%s pod=%s uid=%s decision=skipped reason=%s", path, podName, uid, skipped.reason());
            return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, true, null,
                    null, null));
        }
        InjectionOutcome.Failed failed = (InjectionOutcome.Failed) outcome;
        metrics.injectionFailure();
        LOG.errorf("inject path=%s pod=%s uid=%s decision=denied Pod injection failed: %s", path, podName, uid,
                failed.message());
        return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, false,
                failed.message(), null, null));
    }

    private HttpAnswer deny(String path, AdmissionCodec.Decoded.Review review, String uid, String message) {
        metrics.injectionFailure();
        LOG.errorf("inject path=%s uid=%s decision=denied %s", path, uid, message);
        return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, false, message,
                null, null));
    }

    private HttpAnswer httpFailure(String path, int status, String message) {
        metrics.injectionFailure();
        LOG.errorf("inject path=%s decision=rejected http=%d %s", path, status, message);
        return HttpAnswer.plainError(status, message);
    }

    /** Go {@code json.Unmarshal(raw, &pod)} errors for a raw object that is not a JSON object (inject-spec a.4). */
    static String podShapeError(JsonNode object) {
        if (object == null || object.isMissingNode() || object.isNull()) {
            return "unexpected end of JSON input";
        }
        if (!object.isObject()) {
            return "json: cannot unmarshal " + unmarshalTypeName(object) + " into Go value of type v1.Pod";
        }
        return null;
    }

    /** Pod name as Istio logs it: name, or generateName + {@code *****} while the API server has not named it. */
    static String podName(ObjectNode pod, String requestNamespace) {
        JsonNode meta = pod.path("metadata");
        String ns = meta.path("namespace").asText("");
        if (ns.isEmpty()) {
            ns = requestNamespace;
        }
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            String generate = meta.path("generateName").asText("");
            name = generate.isEmpty() ? "" : generate + "***** (actual name not yet known)";
        }
        return ns + "/" + name;
    }
}
