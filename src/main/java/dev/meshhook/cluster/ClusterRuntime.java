package dev.meshhook.cluster;

import dev.meshhook.certs.CertificateFactory;
import dev.meshhook.certs.RotationPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts what meshhook does with a cluster, once Quarkus is up: the ConfigMap watcher, the node/namespace informers and
 * the certificate manager. Nothing starts when no cluster is configured, so the cluster-less run is unchanged.
 */
@ApplicationScoped
public class ClusterRuntime {

    private static final Logger LOG = Logger.getLogger(ClusterRuntime.class);

    @Inject
    ClusterSettings settings;
    @Inject
    Instance<KubernetesClient> clients;
    @Inject
    Instance<InjectorConfigSink> sinks;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
    Optional<String> apiServerUrl;
    @ConfigProperty(name = "meshhook.tls.dir")
    Optional<String> serviceTlsDir;
    @ConfigProperty(name = "meshhook.revision")
    Optional<String> serviceRevision;

    private volatile ClusterIdentity identity;
    private volatile InjectorConfigWatcher configWatcher;
    private volatile InformedClusterFacts facts;
    private volatile WebhookCertificateManager certificates;
    private volatile ServedCertificates served;
    private volatile String certMode = "off";

    void onStart(@Observes StartupEvent ev) {
        identity = ClusterIdentity.resolve(settings, System.getenv(), apiServerUrl, serviceRevision);
        Path tlsDir = Path.of(settings.certs().dir().or(() -> serviceTlsDir).filter(d -> !d.isBlank()).orElse("certs"));
        served = new ServedCertificates(tlsDir);
        registerCertificateGauges();
        if (!identity.enabled()) {
            LOG.infof("cluster integration off (%s)", identity.enabledReason());
            return;
        }
        LOG.infof("cluster integration on (%s): namespace %s, revision '%s', identity %s", identity.enabledReason(),
                identity.namespace(), identity.revision(), identity.identity());
        KubernetesClient client = clients.get();
        if (settings.watchConfig()) {
            if (sinks.isResolvable()) {
                configWatcher = new InjectorConfigWatcher(client, identity, sinks.get(), meters);
                configWatcher.start();
            } else {
                LOG.warn("no injector configuration holder is available; ConfigMaps are not watched");
            }
        }
        if (settings.clusterFacts()) {
            facts = new InformedClusterFacts(client, identity.clusterId());
            facts.start();
        }
        certMode = settings.certs().mode().trim().toLowerCase(Locale.ROOT);
        switch (certMode) {
            case "managed" -> {
                certificates = new WebhookCertificateManager(client, managerConfig(tlsDir), Clock.systemUTC(), meters);
                certificates.start();
            }
            case "external" -> LOG.infof("webhook certificates are external: serving %s, patching nothing", tlsDir);
            default -> throw new IllegalArgumentException(
                    "meshhook.cluster.certs.mode must be managed or external, got '" + settings.certs().mode() + "'");
        }
    }

    WebhookCertificateManager.Config managerConfig(Path tlsDir) {
        ClusterSettings.Certs c = settings.certs();
        RotationPolicy policy = new RotationPolicy(c.caValidity(), c.servingValidity(), c.renewRemaining(), c.overlap(),
                CertificateFactory.serviceDnsNames(c.service(), identity.namespace(), c.clusterDomain()), c.ipAddresses());
        return new WebhookCertificateManager.Config(identity.namespace(), c.secret(), c.lease(), identity.identity(), tlsDir,
                c.mutatingWebhookConfigurations(), c.validatingWebhookConfigurations(), policy, c.checkInterval(),
                c.leaseDuration(), c.renewDeadline(), c.retryPeriod());
    }

    private void registerCertificateGauges() {
        Gauge.builder("meshhook_certificate_expiry_seconds", this,
                        r -> r.served.current().serving().map(i -> (double) i.remaining(Instant.now()).toSeconds()).orElse(Double.NaN))
                .description("Seconds until the served certificate expires").tag("certificate", "serving").register(meters);
        Gauge.builder("meshhook_certificate_expiry_seconds", this,
                        r -> r.served.current().earliestCa().map(i -> (double) i.remaining(Instant.now()).toSeconds()).orElse(Double.NaN))
                .description("Seconds until the served certificate expires").tag("certificate", "ca").register(meters);
        Gauge.builder("meshhook_certificate_leader", this, r -> r.certificates != null && r.certificates.isLeader() ? 1 : 0)
                .description("1 when this replica manages the webhook certificates").register(meters);
    }

    void onStop(@Observes ShutdownEvent ev) {
        // give up the Lease first so the other replica takes over while this one drains
        if (certificates != null) {
            certificates.close();
        }
        if (configWatcher != null) {
            configWatcher.close();
        }
        if (facts != null) {
            facts.close();
        }
    }

    public Optional<ClusterIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    public Optional<InjectorConfigWatcher> configWatcher() {
        return Optional.ofNullable(configWatcher);
    }

    public Optional<InformedClusterFacts> facts() {
        return Optional.ofNullable(facts);
    }

    public Optional<WebhookCertificateManager> certificates() {
        return Optional.ofNullable(certificates);
    }

    public ServedCertificates served() {
        return served;
    }

    public String certificateMode() {
        return certMode;
    }
}
