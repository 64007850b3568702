package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.validate.ConfigValidator;
import dev.meshhook.validate.ValidationOutcome;
import dev.meshhook.validate.ValidationRequest;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * {@code /validate} and {@code /validate/...}: Istio's validation-webhook HTTP contract (validation-spec 1.1-1.3,
 * 1.8, 1.10) around the pure {@link ConfigValidator}. Every input gets an answer; nothing here throws.
 */
public final class ValidationWebhook {

    private static final Logger LOG = Logger.getLogger("dev.meshhook.validate.webhook");

    private final Function<ValidationRequest, ValidationOutcome> validator;
    private final WebhookMetrics metrics;

    public ValidationWebhook(ConfigValidator validator, WebhookMetrics metrics) {
        this(validator::review, metrics);
    }

    /** With any decision function in place of {@link ConfigValidator#review} (tests, alternative validators). */
    public ValidationWebhook(Function<ValidationRequest, ValidationOutcome> validator, WebhookMetrics metrics) {
        this.validator = validator;
        this.metrics = metrics;
    }

    /** Handles one request whose body was read (or found too large) by the HTTP layer. */
    public HttpAnswer handle(String path, String contentType, RequestBody body) {
        if (body.tooLarge()) {
            // Istio counts no metric for an oversized body (validation-spec 1.2 step 1).
            LOG.errorf("validate path=%s decision=rejected http=400 %s", path, body.tooLargeMessage());
            return HttpAnswer.plainError(400, body.tooLargeMessage());
        }
        if (body.isEmpty()) {
            return httpError(path, 400, "no body found");
        }
        if (!RequestBody.JSON.equals(contentType)) {
            return httpError(path, 415, "invalid Content-Type, want `application/json`");
        }
        AdmissionCodec.Decoded decoded = AdmissionCodec.decode(body.bytes(), false);
        if (decoded instanceof AdmissionCodec.Decoded.Undecodable u) {
            String message = "could not decode body: " + u.message();
            LOG.errorf("validate path=%s decision=denied %s", path, message);
            return HttpAnswer.review(AdmissionCodec.response(null, null, "", false, message, null, null));
        }
        AdmissionCodec.Decoded.Review review = (AdmissionCodec.Decoded.Review) decoded;
        if (review.request() == null) {
            String message = "could not decode object: request is missing";
            LOG.errorf("validate path=%s decision=denied %s", path, message);
            return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), "", false, message,
                    null, null));
        }
        ObjectNode request = review.request();
        String uid = review.uid();
        boolean dryRun = request.path("dryRun").asBoolean(false);
        ValidationRequest vr = new ValidationRequest(AdmissionCodec.text(request, "operation"), dryRun,
                request.get("object"), AdmissionCodec.text(request.path("kind"), "kind"),
                AdmissionCodec.text(request, "namespace"));
        ValidationOutcome outcome;
        try {
            outcome = validator.apply(vr);
        } catch (RuntimeException | StackOverflowError e) {
            // A validator bug must not become a 500 (which fails the API request opaquely): deny and say why.
            LOG.errorf(e, "validate path=%s uid=%s validator failed unexpectedly", path, uid);
            outcome = new ValidationOutcome(false, "internal error while validating: " + e, null,
                    ValidationOutcome.REASON_INVALID_RESOURCE);
        }
        record(request, outcome, dryRun);
        log(path, uid, vr, outcome, dryRun);
        return HttpAnswer.review(AdmissionCodec.response(review.apiVersion(), review.kind(), uid, outcome.allowed(),
                outcome.allowed() ? null : outcome.message(), null, outcome.allowed() ? outcome.warnings() : null));
    }

    private void record(ObjectNode request, ValidationOutcome outcome, boolean dryRun) {
        JsonNode resource = request.path("resource");
        String group = resource.path("group").asText("");
        String version = resource.path("version").asText("");
        String name = resource.path("resource").asText("");
        if (outcome.passed()) {
            metrics.validationPassed(group, version, name);
        } else if (!dryRun && outcome.reason() != null) {
            metrics.validationFailed(group, version, name, outcome.reason());
        }
    }

    /**
     * One INFO line per decision, as Istio logs them. Built with a StringBuilder (no printf parsing) and only when
     * INFO is enabled; the text is the same as the printf form it replaced.
     */
    private static void log(String path, String uid, ValidationRequest vr,
                            ValidationOutcome outcome, boolean dryRun) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        JsonNode object = vr.object();
        boolean isObject = object != null && object.isObject();
        JsonNode metadata = isObject ? object.path("metadata") : null;
        StringBuilder line = new StringBuilder(160).append("validate path=").append(path)
                .append(" uid=").append(uid)
                .append(" op=").append(vr.operation())
                .append(" object=").append(isObject ? object.path("kind").asText("") : "")
                .append(' ').append(isObject ? metadata.path("namespace").asText("") : "")
                .append('/').append(isObject ? metadata.path("name").asText("") : "");
        if (outcome.allowed()) {
            line.append(" decision=allowed warnings=").append(outcome.warnings().size());
        } else {
            line.append(" decision=denied reason=").append(outcome.reason()).append(" message=").append(outcome.message());
        }
        if (dryRun) {
            line.append(" (dry run)");
        }
        LOG.info(line.toString());
    }

    private HttpAnswer httpError(String path, int status, String message) {
        metrics.validationHttpError(status);
        LOG.errorf("validate path=%s decision=rejected http=%d %s", path, status, message);
        return HttpAnswer.plainError(status, message);
    }
}
