package dev.meshhook.cluster;

import dev.meshhook.certs.CertificateException;
import dev.meshhook.certs.CertificateRotation;
import dev.meshhook.certs.CertificateState;
import dev.meshhook.certs.Pem;
import dev.meshhook.certs.RotationPolicy;
import dev.meshhook.certs.TlsFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Owns the webhook's certificates in a cluster: one Secret holds CA and serving certificate so every replica serves
 * the same; the replica holding the Lease creates and rotates it ({@link CertificateRotation}) and keeps the caBundle
 * of our webhook configurations equal to the Secret's trust bundle, re-patching whenever something overwrites it.
 * Every replica copies the Secret's PEMs into the TLS directory the HTTPS server reloads from.
 * Only {@code caBundle} is ever patched: failurePolicy and everything else stay as deployed.
 */
public final class WebhookCertificateManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookCertificateManager.class);
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Plain settings, so tests and a second in-process replica can build one without CDI. */
    public record Config(String namespace, String secretName, String leaseName, String identity, Path tlsDir,
                         List<String> mutatingConfigurations, List<String> validatingConfigurations, RotationPolicy policy,
                         Duration checkInterval, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {}

    /** What readiness and metrics show. */
    public record Status(boolean leader, String currentLeader, boolean servingFromSecret, String lastStep,
                         Instant lastStepAt, String lastError, Instant lastErrorAt, Map<String, String> webhookProblems) {}

    private final KubernetesClient client;
    private final Config config;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Counter patches;
    private final MeterRegistry meters;

    private SharedIndexInformer<Secret> secretInformer;
    private final List<SharedIndexInformer<? extends HasMetadata>> webhookInformers = new ArrayList<>();
    private CompletableFuture<?> election;
    private ScheduledFuture<?> scheduled;

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean leading;
    private volatile String currentLeader = "";
    private volatile boolean servingFromSecret;
    private volatile String lastStep = "";
    private volatile Instant lastStepAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Map<String, String> webhookProblems = Map.of();

    public WebhookCertificateManager(KubernetesClient client, Config config, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meshhook-certs-" + config.identity());
            t.setDaemon(true);
            return t;
        });
        this.patches = Counter.builder("meshhook_webhook_cabundle_patches")
                .description("caBundle patches of our webhook configurations (creation, rotation, or repair after an overwrite)")
                .register(meters);
    }

    public void start() {
        secretInformer = client.secrets().inNamespace(config.namespace()).withName(config.secretName()).runnableInformer(0);
        secretInformer.addEventHandler(handler(s -> executor.execute(() -> onSecret(s))));
        secretInformer.start().whenComplete((v, e) -> {
            if (e != null) {
                recordError("Secret informer did not start: " + e.getMessage());
            }
            trigger();
        });
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("meshhook-webhook-certificates")
                .withLock(new LeaseLock(config.namespace(), config.leaseName(), config.identity()))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::onStartLeading, this::onStopLeading, this::onNewLeader))
                .build()).build().start();
    }

    public Status status() {
        return new Status(leading, currentLeader, servingFromSecret, lastStep, lastStepAt, lastError, lastErrorAt,
                webhookProblems);
    }

    public boolean isLeader() {
        return leading;
    }

    /** Ask for a check soon (coalesces with a pending one). */
    public void trigger() {
        schedule(Duration.ofMillis(200));
    }

    private synchronized void schedule(Duration delay) {
        if (executor.isShutdown()) {
            return;
        }
        if (scheduled != null && !scheduled.isDone()) {
            if (scheduled.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            scheduled.cancel(false);
        }
        scheduled = executor.schedule(this::reconcileSafely, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void onStartLeading() {
        LOG.infof("%s leads webhook certificate management (Lease %s/%s)", config.identity(), config.namespace(), config.leaseName());
        leading = true;
        executor.execute(this::startWebhookInformers);
        trigger();
    }

    private void onStopLeading() {
        if (leading) {
            LOG.infof("%s no longer leads webhook certificate management", config.identity());
        }
        leading = false;
        executor.execute(this::stopWebhookInformers);
    }

    private void onNewLeader(String id) {
        currentLeader = id;
    }

    private void startWebhookInformers() {
        if (!leading || !webhookInformers.isEmpty()) {
            return;
        }
        for (String name : config.mutatingConfigurations()) {
            SharedIndexInformer<MutatingWebhookConfiguration> i = client.admissionRegistration().v1()
                    .mutatingWebhookConfigurations().withName(name).runnableInformer(0);
            i.addEventHandler(handler(o -> trigger()));
            webhookInformers.add(i);
            i.start();
        }
        for (String name : config.validatingConfigurations()) {
            SharedIndexInformer<ValidatingWebhookConfiguration> i = client.admissionRegistration().v1()
                    .validatingWebhookConfigurations().withName(name).runnableInformer(0);
            i.addEventHandler(handler(o -> trigger()));
            webhookInformers.add(i);
            i.start();
        }
    }

    private void stopWebhookInformers() {
        webhookInformers.forEach(SharedIndexInformer::stop);
        webhookInformers.clear();
    }

    /** Every replica: copy the Secret's serving material into the TLS directory (after checking it fits together). */
    private void onSecret(Secret secret) {
        if (secret == null) {
            return;
        }
        try {
            Map<String, String> d = secret.getData() == null ? Map.of() : secret.getData();
            TlsFiles.Material m = new TlsFiles.Material(decode(d, CertificateState.KEY_BUNDLE), decode(d, CertificateState.KEY_CERT),
                    decode(d, CertificateState.KEY_KEY));
            Pem.readIssued(m.certificatePem(), m.keyPem());
            Pem.readCertificates(m.caBundlePem());
            if (TlsFiles.write(config.tlsDir(), m)) {
                LOG.infof("serving certificate from Secret %s/%s (resourceVersion %s) written to %s", config.namespace(),
                        config.secretName(), secret.getMetadata().getResourceVersion(), config.tlsDir());
            }
            servingFromSecret = true;
        } catch (CertificateException e) {
            recordError("Secret " + config.namespace() + "/" + config.secretName() + " has no usable serving certificate: "
                    + e.getMessage());
        }
        if (leading) {
            trigger();
        }
    }

    private void reconcileSafely() {
        synchronized (this) {
            scheduled = null; // this run is the scheduled one: let the next schedule() register
        }
        Duration next = config.checkInterval();
        try {
            next = reconcile();
        } catch (KubernetesClientException e) {
            recordError("certificate check failed: " + e.getMessage());
            next = Duration.ofSeconds(5);
        } catch (RuntimeException e) {
            recordError("certificate check failed: " + e);
            LOG.error("certificate check failed", e);
            next = Duration.ofSeconds(30);
        }
        if (leading) {
            schedule(next);
        }
    }

    /** One leader step; returns how long to wait before the next check. */
    private Duration reconcile() {
        if (!leading || !secretInformer.hasSynced()) {
            return config.checkInterval();
        }
        Secret secret = secretInformer.getStore().getByKey(config.namespace() + "/" + config.secretName());
        Optional<CertificateState> current = Optional.empty();
        if (secret != null) {
            try {
                current = Optional.of(CertificateState.fromSecret(secret.getData(), secret.getMetadata().getAnnotations()));
            } catch (CertificateException e) {
                recordError("Secret " + config.namespace() + "/" + config.secretName() + " is unreadable, replacing it: "
                        + e.getMessage());
            }
        }
        boolean published = current.isPresent() && patchWebhooks(current.get().bundlePem());
        Instant now = clock.instant();
        Optional<CertificateRotation.Result> step = CertificateRotation.plan(current, config.policy(), now, published);
        if (step.isEmpty()) {
            return untilNextCheck(current.get(), now);
        }
        CertificateState next = step.get().state();
        writeSecret(secret, next);
        lastStep = step.get().step().name();
        lastStepAt = now;
        Counter.builder("meshhook_certificate_rotations").description("Certificate lifecycle steps taken by the leader")
                .tag("step", step.get().step().name().toLowerCase(java.util.Locale.ROOT)).register(meters).increment();
        LOG.infof("webhook certificates: %s (%s)", step.get().step(), step.get().reason());
        // the informer delivers our own write too, but this replica's files need not wait for it
        TlsFiles.write(config.tlsDir(), next.tlsMaterial());
        servingFromSecret = true;
        patchWebhooks(next.bundlePem());
        return Duration.ofMillis(500);
    }

    private Duration untilNextCheck(CertificateState s, Instant now) {
        Duration d = Duration.between(now, CertificateRotation.nextCheck(s, config.policy()));
        if (!webhookProblems.isEmpty()) {
            d = Duration.ofSeconds(30);
        }
        if (d.isNegative()) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(config.checkInterval()) > 0 ? config.checkInterval() : d.plusMillis(100);
    }

    private void writeSecret(Secret existing, CertificateState state) {
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (existing != null) {
            if (existing.getMetadata().getAnnotations() != null) {
                annotations.putAll(existing.getMetadata().getAnnotations());
            }
            if (existing.getMetadata().getLabels() != null) {
                labels.putAll(existing.getMetadata().getLabels());
            }
        }
        annotations.putAll(state.toSecretAnnotations());
        labels.put(MANAGED_BY, "meshhook");
        Secret desired = new SecretBuilder().withNewMetadata().withName(config.secretName()).withNamespace(config.namespace())
                .withLabels(labels).withAnnotations(annotations)
                .withResourceVersion(existing == null ? null : existing.getMetadata().getResourceVersion()).endMetadata()
                .withType("Opaque").withData(state.toSecretData()).build();
        if (existing == null) {
            // create fails with 409 if another replica won a race: the informer then brings its Secret
            client.secrets().inNamespace(config.namespace()).resource(desired).create();
        } else {
            // resourceVersion makes this an optimistic update: a concurrent writer gets 409, never a lost update
            client.secrets().inNamespace(config.namespace()).resource(desired).update();
        }
    }

    /**
     * Makes every webhook of our configurations carry {@code bundlePem}; writes nothing when they already do.
     *
     * @return whether all existing configurations carry it afterwards
     */
    private boolean patchWebhooks(String bundlePem) {
        String caBundle = Base64.getEncoder().encodeToString(bundlePem.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> problems = new LinkedHashMap<>();
        boolean all = true;
        for (String name : config.mutatingConfigurations()) {
            all &= patchOne("MutatingWebhookConfiguration", name, caBundle, problems,
                    n -> client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(n).get(),
                    o -> ((MutatingWebhookConfiguration) o).getWebhooks().stream().map(w -> new Hook(w.getName(), w.getClientConfig())).toList(),
                    (n, patch) -> client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(n)
                            .patch(PatchContext.of(PatchType.JSON), patch));
        }
        for (String name : config.validatingConfigurations()) {
            all &= patchOne("ValidatingWebhookConfiguration", name, caBundle, problems,
                    n -> client.admissionRegistration().v1().validatingWebhookConfigurations().withName(n).get(),
                    o -> ((ValidatingWebhookConfiguration) o).getWebhooks().stream().map(w -> new Hook(w.getName(), w.getClientConfig())).toList(),
                    (n, patch) -> client.admissionRegistration().v1().validatingWebhookConfigurations().withName(n)
                            .patch(PatchContext.of(PatchType.JSON), patch));
        }
        webhookProblems = Map.copyOf(problems);
        return all;
    }

    private record Hook(String name, WebhookClientConfig clientConfig) {}

    private boolean patchOne(String kind, String name, String caBundle, Map<String, String> problems,
                             Function<String, HasMetadata> get, Function<HasMetadata, List<Hook>> hooks,
                             java.util.function.BiConsumer<String, String> patch) {
        HasMetadata obj = cached(kind, name).orElseGet(() -> get.apply(name));
        if (obj == null) {
            // not installed (yet): nothing to keep in sync, and nothing that could reject the new CA
            problems.put(kind + "/" + name, "not found");
            return true;
        }
        List<Hook> list = hooks.apply(obj);
        StringBuilder ops = new StringBuilder("[");
        int changed = 0;
        for (int i = 0; i < list.size(); i++) {
            Hook h = list.get(i);
            if (h.clientConfig() != null && caBundle.equals(h.clientConfig().getCaBundle())) {
                continue;
            }
            if (changed++ > 0) {
                ops.append(',');
            }
            // "test" pins the index to the webhook we looked at: a concurrent reorder fails the patch instead of
            // writing the bundle into a foreign entry
            ops.append("{\"op\":\"test\",\"path\":\"/webhooks/").append(i).append("/name\",\"value\":")
                    .append(jsonString(h.name())).append("},");
            String path = h.clientConfig() == null ? "/webhooks/" + i + "/clientConfig" : "/webhooks/" + i + "/clientConfig/caBundle";
            String value = h.clientConfig() == null ? "{\"caBundle\":\"" + caBundle + "\"}" : "\"" + caBundle + "\"";
            ops.append("{\"op\":\"add\",\"path\":\"").append(path).append("\",\"value\":").append(value).append('}');
        }
        if (changed == 0) {
            return true;
        }
        ops.append(']');
        try {
            patch.accept(name, ops.toString());
            patches.increment();
            LOG.infof("patched caBundle of %d webhook(s) in %s %s", changed, kind, name);
            return true;
        } catch (KubernetesClientException e) {
            problems.put(kind + "/" + name, "caBundle patch failed: " + e.getMessage());
            recordError("caBundle patch of " + kind + " " + name + " failed: " + e.getMessage());
            return false;
        }
    }

    private Optional<HasMetadata> cached(String kind, String name) {
        for (SharedIndexInformer<? extends HasMetadata> i : webhookInformers) {
            if (i.hasSynced() && i.getApiTypeClass().getSimpleName().equals(kind)) {
                HasMetadata o = i.getStore().getByKey(name);
                if (o != null) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static String decode(Map<String, String> data, String key) {
        String v = data.get(key);
        if (v == null) {
            throw new CertificateException("key " + key + " is missing");
        }
        return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.US_ASCII);
    }

    private void recordError(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
        LOG.warn(message);
    }

    private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(null);
            }
        };
    }

    /** Stops informers and gives up the Lease so another replica takes over at once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (election != null) {
            election.cancel(true);
        }
        executor.execute(this::stopWebhookInformers);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (secretInformer != null) {
            secretInformer.stop();
        }
        leading = false;
    }
}
