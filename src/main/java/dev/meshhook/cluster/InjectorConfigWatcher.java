package dev.meshhook.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Watches ConfigMaps {@code istio-sidecar-injector[-rev]} (keys {@code config}, {@code values}) and
 * {@code istio[-rev]} (key {@code mesh}) through informers and installs every change into the {@link InjectorConfigSink}.
 * A rejected change keeps the last good configuration; a deleted ConfigMap keeps it too (Istio's behaviour, inject-spec c.6).
 */
public final class InjectorConfigWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InjectorConfigWatcher.class);

    /** What readiness shows. */
    public record Status(boolean loaded, String origin, Instant lastApplied, long rejected, String lastError,
                         Instant lastErrorAt) {
        Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("loaded", loaded);
            d.put("origin", origin == null ? "" : origin);
            if (lastApplied != null) {
                d.put("lastApplied", lastApplied.toString());
            }
            d.put("rejected", rejected);
            if (lastError != null) {
                d.put("lastError", lastError);
                d.put("lastErrorAt", lastErrorAt.toString());
            }
            return d;
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String injectorName;
    private final String meshName;
    private final InjectorConfigSink sink;
    private final Counter rejectedCounter;
    private final Counter appliedCounter;
    /** One thread: installs happen in event order and never concurrently. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "meshhook-configmap-watch");
        t.setDaemon(true);
        return t;
    });

    private SharedIndexInformer<ConfigMap> injectorInformer;
    private SharedIndexInformer<ConfigMap> meshInformer;

    // guarded by worker thread; published through the volatile status
    private ConfigMap injectorMap;
    private ConfigMap meshMap;
    private String lastInstalledKey;
    private volatile Status status = new Status(false, null, null, 0, null, null);

    public InjectorConfigWatcher(KubernetesClient client, ClusterIdentity id, InjectorConfigSink sink, MeterRegistry meters) {
        this.client = client;
        this.namespace = id.namespace();
        this.injectorName = id.revisioned("istio-sidecar-injector");
        this.meshName = id.revisioned("istio");
        this.sink = sink;
        this.rejectedCounter = Counter.builder("meshhook_config_rejected").description(
                "ConfigMap updates of the injector or mesh config that were rejected (last good config kept)")
                .tag("namespace", namespace).register(meters);
        this.appliedCounter = Counter.builder("meshhook_config_applied").description(
                "Injector or mesh configurations installed from ConfigMaps").tag("namespace", namespace).register(meters);
    }

    /** Starts both informers without waiting for the API server: readiness reports until the first install. */
    public void start() {
        injectorInformer = inform(injectorName, cm -> worker.execute(() -> { injectorMap = cm; apply(); }));
        meshInformer = inform(meshName, cm -> worker.execute(() -> { meshMap = cm; apply(); }));
        LOG.infof("watching ConfigMaps %s/%s and %s/%s for injector configuration", namespace, injectorName, namespace, meshName);
    }

    public Status status() {
        return status;
    }

    public List<String> watchedNames() {
        return List.of(injectorName, meshName);
    }

    private SharedIndexInformer<ConfigMap> inform(String name, java.util.function.Consumer<ConfigMap> onChange) {
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(namespace).withName(name).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                LOG.warnf("ConfigMap %s/%s was deleted; keeping the current injector configuration", namespace, name);
            }
        });
        informer.start().whenComplete((v, e) -> {
            if (e != null) {
                LOG.warnf("informer for ConfigMap %s/%s failed to start: %s", namespace, name, e.getMessage());
            }
        });
        return informer;
    }

    private void apply() {
        if (injectorMap == null) {
            return; // Istio does not start the injector without its ConfigMap; the mesh part alone is not enough
        }
        Map<String, String> injector = injectorMap.getData() == null ? Map.of() : injectorMap.getData();
        String origin = "configmap:" + namespace + "/" + injectorName + "@" + injectorMap.getMetadata().getResourceVersion()
                + (meshMap == null ? "" : ", " + meshName + "@" + meshMap.getMetadata().getResourceVersion());
        String config = injector.get("config");
        String values = injector.get("values");
        String mesh = meshMap == null || meshMap.getData() == null ? "" : Objects.requireNonNullElse(meshMap.getData().get("mesh"), "");
        String key = config + "\u0000" + values + "\u0000" + mesh;
        if (key.equals(lastInstalledKey)) {
            return; // resync or metadata-only change: nothing to swap
        }
        try {
            String missing = config == null ? "config" : values == null ? "values" : null;
            if (missing != null) {
                String why = "missing ConfigMap config key \"" + missing + "\"";
                sink.reject(origin, why);
                throw new IllegalArgumentException(why);
            }
            sink.install(config, values, mesh, origin);
            lastInstalledKey = key;
            appliedCounter.increment();
            Status s = status;
            status = new Status(true, origin, Instant.now(), s.rejected(), s.lastError(), s.lastErrorAt());
            LOG.infof("installed injector configuration from %s", origin);
        } catch (RuntimeException e) {
            rejectedCounter.increment();
            Status s = status;
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            status = new Status(s.loaded(), s.origin(), s.lastApplied(), s.rejected() + 1, origin + ": " + why, Instant.now());
            LOG.warnf("failed to read injection config from ConfigMap %s, keeping the last good configuration: %s", origin, why);
        }
    }

    @Override
    public void close() {
        if (injectorInformer != null) {
            injectorInformer.stop();
        }
        if (meshInformer != null) {
            meshInformer.stop();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
