package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link Injector} that remembers its recent injections. When a ReplicaSet scales up, its pods reach the webhook
 * identical — the API server names them and gives them a uid only after admission — so a burst of N pods renders
 * the templates, merges and diffs once instead of N times, which is where an injector under a scale-up spends its
 * CPU.
 *
 * <p>An outcome is reused only for a request equal in everything the injector reads: the pod (deep JSON equality),
 * {@code request.namespace}, the URL path (path-encoded env overrides) and the cluster facts' {@link
 * ClusterFacts#generation() generation}. The configuration is covered by construction: one cache per injector, and
 * a new configuration builds a new injector. Injectors whose templates call random functions are never cached.
 * Only {@link InjectionOutcome.Injected} outcomes are kept (skips are cheap, failures are not worth keeping).
 *
 * <p>Bounded by entries and by JSON nodes held (pod plus patch), least recently used out first. Thread-safe.
 */
public final class InjectionCache {

    /** Default number of remembered injections. */
    public static final int DEFAULT_ENTRIES = 256;

    private final Injector injector;
    private final int maxEntries;
    private final long maxNodes;
    private final boolean active;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long nodesHeld;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param maxEntries remembered injections; 0 turns the cache off (every request runs the injector)
     */
    public InjectionCache(Injector injector, int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("cache entries must be 0 or more, got " + maxEntries);
        }
        this.injector = Objects.requireNonNull(injector);
        this.maxEntries = maxEntries;
        // about 100 bytes per node: ~25 MB at the default size; a typical pod plus its patch is a few hundred nodes
        this.maxNodes = 1000L * maxEntries;
        this.active = maxEntries > 0 && injector.deterministic();
    }

    public Injector injector() {
        return injector;
    }

    /** Whether outcomes are reused (entries > 0 and deterministic templates). */
    public boolean active() {
        return active;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** {@link Injector#inject}, reusing the outcome of an identical recent request. */
    public InjectionOutcome inject(InjectionRequest request) {
        if (!active || request == null || request.pod() == null) {
            return injector.inject(request);
        }
        // read before injecting: a fact that changes meanwhile leaves this entry under the older generation
        long generation = injector.clusterFacts().generation();
        Key key = Key.of(request, generation);
        Entry cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null) {
            hits.incrementAndGet();
            return cached.outcome;
        }
        misses.incrementAndGet();
        InjectionOutcome outcome = injector.inject(request);
        if (outcome instanceof InjectionOutcome.Injected injected) {
            long weight = key.nodes + countNodes(injected.patch());
            if (weight <= maxNodes / 4) {
                // the request's pod tree becomes the key: callers hand it over and do not modify it afterwards
                remember(key, new Entry(new InjectionOutcome.Injected(injected.patch(), injected.warnings(), true),
                        weight));
            }
        }
        return outcome;
    }

    private void remember(Key key, Entry entry) {
        synchronized (entries) {
            Entry previous = entries.put(key, entry);
            nodesHeld += entry.weight - (previous == null ? 0 : previous.weight);
            Iterator<Entry> oldest = entries.values().iterator();
            while ((entries.size() > maxEntries || nodesHeld > maxNodes) && oldest.hasNext()) {
                nodesHeld -= oldest.next().weight;
                oldest.remove();
            }
        }
    }

    private record Entry(InjectionOutcome.Injected outcome, long weight) {}

    /** A request as far as the injector reads it; hash computed once, equality deep. */
    private static final class Key {
        final ObjectNode pod;
        final String namespace;
        final String path;
        final long generation;
        final int hash;
        final long nodes;

        private Key(ObjectNode pod, String namespace, String path, long generation, int hash, long nodes) {
            this.pod = pod;
            this.namespace = namespace;
            this.path = path;
            this.generation = generation;
            this.hash = hash;
            this.nodes = nodes;
        }

        static Key of(InjectionRequest r, long generation) {
            long[] nodes = {0};
            int podHash = hash(r.pod(), nodes);
            String ns = r.namespace() == null ? "" : r.namespace();
            String path = r.path() == null ? "" : r.path();
            int h = ((podHash * 31 + ns.hashCode()) * 31 + path.hashCode()) * 31 + Long.hashCode(generation);
            return new Key(r.pod(), ns, path, generation, h, nodes[0]);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && generation == k.generation && namespace.equals(k.namespace)
                    && path.equals(k.path) && pod.equals(k.pod);
        }
    }

    // Consistent with JsonNode.equals: member order does not matter for objects, element order does for arrays.
    private static int hash(JsonNode n, long[] nodes) {
        nodes[0]++;
        if (n.isObject()) {
            int h = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h += e.getKey().hashCode() ^ hash(e.getValue(), nodes);
            }
            return h;
        }
        if (n.isArray()) {
            int h = 1;
            for (JsonNode el : n) {
                h = 31 * h + hash(el, nodes);
            }
            return h;
        }
        return n.hashCode();
    }

    private static long countNodes(JsonNode n) {
        long count = 1;
        for (JsonNode child : n) {
            count += countNodes(child);
        }
        return count;
    }
}
