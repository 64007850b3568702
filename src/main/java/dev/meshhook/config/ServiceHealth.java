package dev.meshhook.config;

import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Health on the management port. Ready once an injector configuration is loaded and (when TLS is required) the
 * HTTPS listener is up; a rejected configuration update keeps the service ready on the last good configuration
 * and shows the reason in the details. Live whenever the process answers.
 */
@ApplicationScoped
public class ServiceHealth {

    private final ConfigHolder<InjectorSetup> holder;
    private final boolean tlsRequired;
    private final AtomicBoolean httpsUp = new AtomicBoolean();

    public ServiceHealth(ConfigHolder<InjectorSetup> holder,
                         @ConfigProperty(name = "meshhook.tls.required", defaultValue = "false") boolean tlsRequired) {
        this.holder = holder;
        this.tlsRequired = tlsRequired;
    }

    void httpsStarted(@ObservesAsync HttpsServerStart event) {
        httpsUp.set(true);
    }

    @Readiness
    HealthCheck readiness() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("meshhook-webhook");
            boolean configured = holder.current().isPresent();
            holder.current().ifPresent(s -> b.withData("config.generation", s.generation())
                    .withData("config.origin", s.sources().origin())
                    .withData("config.loadedAt", s.loadedAt().toString()));
            holder.lastRejection().ifPresent(r -> b.withData("config.lastRejected", r.reason())
                    .withData("config.lastRejectedOrigin", r.origin())
                    .withData("config.lastRejectedAt", r.at().toString()));
            if (!configured) {
                b.withData("config", "no injector configuration loaded yet");
            }
            boolean tlsOk = !tlsRequired || httpsUp.get();
            b.withData("tls", tlsRequired ? (httpsUp.get() ? "listening" : "not listening yet") : "not required");
            return b.status(configured && tlsOk).build();
        };
    }

    @Liveness
    HealthCheck liveness() {
        return () -> HealthCheckResponse.up("meshhook");
    }
}
