package dev.meshhook.cluster;

import dev.meshhook.inject.ClusterFacts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ClusterFacts} from node and namespace informers: answers come from memory, never from a call per request.
 * Only the few fields the injector reads are kept (kubelet version, namespace labels and annotations).
 * Answers for another cluster id are empty, as in Istio when there is no client for that cluster.
 */
public final class InformedClusterFacts implements ClusterFacts, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InformedClusterFacts.class);

    private final KubernetesClient client;
    private final String clusterId;
    private final Map<String, String> kubeletVersions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> namespaceAnnotations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new ConcurrentHashMap<>();
    // bumped when a kubelet version or a namespace's annotations change (not on every heartbeat-driven update)
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Namespace> namespaces;

    public InformedClusterFacts(KubernetesClient client, String clusterId) {
        this.client = client;
        this.clusterId = clusterId;
    }

    public void start() {
        nodes = client.nodes().runnableInformer(0);
        nodes.addEventHandler(handler(this::putNode, n -> {
            if (kubeletVersions.remove(n.getMetadata().getName()) != null) {
                generation.incrementAndGet();
            }
        }));
        namespaces = client.namespaces().runnableInformer(0);
        namespaces.addEventHandler(handler(this::putNamespace, ns -> {
            if (namespaceAnnotations.remove(ns.getMetadata().getName()) != null) {
                generation.incrementAndGet();
            }
            namespaceLabels.remove(ns.getMetadata().getName());
        }));
        nodes.start().whenComplete((v, e) -> logStart("nodes", e));
        namespaces.start().whenComplete((v, e) -> logStart("namespaces", e));
    }

    /** Whether both informers have listed once (until then answers may be incomplete). */
    public boolean synced() {
        return nodes != null && nodes.hasSynced() && namespaces != null && namespaces.hasSynced();
    }

    @Override
    public Optional<Map<String, String>> kubeletVersions(String cluster) {
        if (!clusterId.equals(cluster)) {
            return Optional.empty();
        }
        return Optional.of(Map.copyOf(kubeletVersions));
    }

    @Override
    public Optional<Map<String, String>> namespaceAnnotations(String cluster, String namespace) {
        if (!clusterId.equals(cluster)) {
            return Optional.empty();
        }
        return Optional.ofNullable(namespaceAnnotations.get(namespace));
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /** Labels of a namespace (for diagnostics such as "which webhook would select this namespace"). */
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.ofNullable(namespaceLabels.get(namespace));
    }

    public int nodeCount() {
        return kubeletVersions.size();
    }

    public int namespaceCount() {
        return namespaceLabels.size();
    }

    private void putNode(Node n) {
        String version = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? ""
                : n.getStatus().getNodeInfo().getKubeletVersion();
        String v = version == null ? "" : version;
        if (!v.equals(kubeletVersions.put(n.getMetadata().getName(), v))) {
            generation.incrementAndGet();
        }
    }

    private void putNamespace(Namespace ns) {
        String name = ns.getMetadata().getName();
        Map<String, String> annotations = ns.getMetadata().getAnnotations() == null ? Map.of()
                : Map.copyOf(ns.getMetadata().getAnnotations());
        if (!annotations.equals(namespaceAnnotations.put(name, annotations))) {
            generation.incrementAndGet();
        }
        namespaceLabels.put(name, ns.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(ns.getMetadata().getLabels()));
    }

    private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> put, java.util.function.Consumer<T> remove) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                put.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                put.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                remove.accept(obj);
            }
        };
    }

    private static void logStart(String what, Throwable e) {
        if (e != null) {
            LOG.warnf("informer for %s failed to start (native-sidecar detection and namespace lookups see nothing): %s",
                    what, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (nodes != null) {
            nodes.stop();
        }
        if (namespaces != null) {
            namespaces.stop();
        }
    }
}
