package dev.meshhook.admission;

import dev.meshhook.config.ConfigHolder;
import dev.meshhook.config.InjectorSetup;
import dev.meshhook.config.ServiceSettings;
import dev.meshhook.validate.ConfigValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Mounts the webhook endpoints on the HTTPS router with Go-mux semantics: exact {@code /inject} and the subtree
 * {@code /inject/...} (path-encoded env overrides), exact {@code /validate} and {@code /validate/...}.
 */
@ApplicationScoped
public class WebhookEndpoints {

    private static final Logger LOG = Logger.getLogger(WebhookEndpoints.class);

    private final InjectionWebhook injection;
    private final ValidationWebhook validation;
    private final boolean injectEnabled;

    public WebhookEndpoints(ConfigHolder<InjectorSetup> config, ServiceSettings settings, MeterRegistry registry) {
        WebhookMetrics metrics = new WebhookMetrics(registry);
        // one snapshot per request: the injector of the configuration in force when the request is handled
        this.injection = new InjectionWebhook(() -> config.current().map(s -> s.compiled().cache()::inject),
                metrics);
        this.validation = new ValidationWebhook(new ConfigValidator(), metrics);
        this.injectEnabled = settings.injectEnabled();
    }

    void mount(@Observes Router router) {
        if (injectEnabled) {
            router.routeWithRegex("/inject(/.*)?").handler(ctx -> WebhookRoutes.serve(ctx, injection::handle,
                    WebhookEndpoints::crashed));
        } else {
            // istiod does not start the injector at all then; its paths are simply not served
            LOG.info("INJECT_ENABLED=false: /inject is not served");
        }
        router.routeWithRegex("/validate(/.*)?").handler(ctx -> WebhookRoutes.serve(ctx, validation::handle,
                WebhookEndpoints::crashed));
    }

    /** Last line of defence: an Error escaped an endpoint. Answer with a denial rather than a 500. */
    private static HttpAnswer crashed(Throwable error) {
        LOG.error("webhook endpoint failed", error);
        return HttpAnswer.review(AdmissionCodec.response(null, null, "", false, "internal error: " + error, null,
                null));
    }
}
