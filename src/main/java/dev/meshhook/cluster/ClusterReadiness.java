package dev.meshhook.cluster;

import dev.meshhook.certs.CertificateInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * Readiness of the cluster side. Down while this replica cannot serve what the cluster expects: no injector
 * configuration from the ConfigMaps yet, node and namespace informers not listed yet, no serving certificate from the
 * shared Secret yet, or an expired one.
 * A rejected ConfigMap edit does not take it down (the last good configuration keeps serving) but shows in the details.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    /** Certificates closer to expiry than this are flagged as a warning in the details (not a failure). */
    static final Duration WARN_BEFORE = Duration.ofDays(7);

    @Inject
    ClusterRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("meshhook-cluster");
        boolean up = true;
        var identity = runtime.identity();
        b.withData("cluster", identity.map(i -> i.enabled() ? "on (" + i.enabledReason() + ")" : "off (" + i.enabledReason() + ")")
                .orElse("starting"));
        if (identity.isEmpty()) {
            return b.down().build();
        }
        if (identity.get().enabled()) {
            b.withData("namespace", identity.get().namespace());
            b.withData("revision", identity.get().revision());
        }
        Instant now = Instant.now();

        var watcher = runtime.configWatcher();
        if (watcher.isPresent()) {
            var s = watcher.get().status();
            b.withData("config.source", String.join(",", watcher.get().watchedNames()));
            b.withData("config.loaded", s.loaded());
            b.withData("config.origin", s.origin() == null ? "" : s.origin());
            b.withData("config.rejected", s.rejected());
            if (s.lastError() != null) {
                b.withData("config.lastError", s.lastError());
                b.withData("config.lastErrorAt", s.lastErrorAt().toString());
            }
            if (!s.loaded() && s.lastError() == null) {
                b.withData("config.waiting", "for ConfigMap " + watcher.get().watchedNames().get(0) + " in "
                        + identity.get().namespace() + " (the injector starts with it, as istiod does)");
            }
            up &= s.loaded();
        }
        var facts = runtime.facts();
        if (facts.isPresent()) {
            b.withData("facts.synced", facts.get().synced());
            b.withData("facts.nodes", facts.get().nodeCount());
            // before the first node list, "no nodes" would read as "every node supports native sidecars"
            up &= facts.get().synced();
        }

        if (identity.get().enabled()) {
            b.withData("certs.mode", runtime.certificateMode());
        }
        var mgr = runtime.certificates();
        if (mgr.isPresent()) {
            var st = mgr.get().status();
            b.withData("certs.leader", st.currentLeader() == null ? "" : st.currentLeader());
            b.withData("certs.thisReplicaLeads", st.leader());
            b.withData("certs.fromSecret", st.servingFromSecret());
            if (!st.lastStep().isEmpty()) {
                b.withData("certs.lastStep", st.lastStep() + " at " + st.lastStepAt());
            }
            if (st.lastError() != null) {
                b.withData("certs.lastError", st.lastError());
            }
            st.webhookProblems().forEach((k, v) -> b.withData("certs.webhook." + k, v));
            up &= st.servingFromSecret();
        }
        var served = runtime.served().current();
        if (served.error().isPresent() && identity.get().enabled()) {
            b.withData("certs.error", served.error().get());
            up = false;
        }
        served.serving().ifPresent(i -> b.withData("certs.serving.notAfter", describe(i, now)));
        served.earliestCa().ifPresent(i -> b.withData("certs.ca.notAfter", describe(i, now)));
        if (served.serving().isPresent() && !served.serving().get().isValidAt(now)) {
            up = false;
        }
        return (up ? b.up() : b.down()).build();
    }

    private static String describe(CertificateInfo i, Instant now) {
        Duration left = i.remaining(now);
        String s = i.notAfter() + " (" + (left.isNegative() ? "expired" : left.toHours() + "h left") + ")";
        return left.compareTo(WARN_BEFORE) < 0 ? s + " WARNING: renew soon" : s;
    }
}
