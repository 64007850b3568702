package dev.meshhook.inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionCacheTest {

    private static final Path MINIMAL = Path.of("src/test/resources/inject-golden/minimal");
    private static final String POD = "metadata: {generateName: web-7d9f-, labels: {app: web}}\n"
            + "spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}";

    private static Injector injector(String config, ClusterFacts facts) throws Exception {
        return Injector.create(InjectorConfig.parse(config), InjectorValues.parse(Files.readString(MINIMAL.resolve("values.json"))),
                MeshConfig.parse(Files.readString(MINIMAL.resolve("mesh.yaml"))), "default", InjectorEnv.defaults(), facts);
    }

    private static Injector minimal(ClusterFacts facts) throws Exception {
        return injector(Files.readString(MINIMAL.resolve("config.yaml")), facts);
    }

    private static InjectionRequest request(String podYaml, String namespace, String path) throws Exception {
        return new InjectionRequest((ObjectNode) Json.readYaml(podYaml), namespace, path);
    }

    @Test
    void anIdenticalRequestReusesTheOutcomeAndEqualsAFreshRun() throws Exception {
        Injector injector = minimal(ClusterFacts.NONE);
        InjectionCache cache = new InjectionCache(injector, 8);
        assertTrue(cache.active());
        InjectionOutcome.Injected first = assertInstanceOf(InjectionOutcome.Injected.class,
                cache.inject(request(POD, "default", "/inject")));
        InjectionOutcome.Injected second = assertInstanceOf(InjectionOutcome.Injected.class,
                cache.inject(request(POD, "default", "/inject"))); // a new, equal tree: as a second pod arrives
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.patch(), second.patch());
        InjectionOutcome.Injected fresh = assertInstanceOf(InjectionOutcome.Injected.class,
                injector.inject(request(POD, "default", "/inject")));
        assertEquals(fresh.patch(), second.patch());
        assertEquals(fresh.warnings(), second.warnings());
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void anythingTheInjectorReadsMakesADifferentKey() throws Exception {
        InjectionCache cache = new InjectionCache(minimal(ClusterFacts.NONE), 8);
        cache.inject(request(POD, "default", "/inject"));
        InjectionOutcome otherNamespace = cache.inject(request(POD, "shop", "/inject"));
        InjectionOutcome otherPath = cache.inject(request(POD, "default", "/inject/cluster/east/net/n1"));
        InjectionOutcome otherPod = cache.inject(request(POD.replace("nginx", "nginx:2"), "default", "/inject"));
        InjectionOutcome reordered = cache.inject(request(
                "spec: {containers: [{image: nginx, name: web, ports: [{containerPort: 80}]}]}\n"
                        + "metadata: {labels: {app: web}, generateName: web-7d9f-}", "default", "/inject"));
        assertEquals(1, cache.hits(), "only the member-reordered pod (equal JSON) is a hit");
        assertFalse(((InjectionOutcome.Injected) otherNamespace).fromCache());
        assertFalse(((InjectionOutcome.Injected) otherPath).fromCache());
        assertFalse(((InjectionOutcome.Injected) otherPod).fromCache());
        assertTrue(((InjectionOutcome.Injected) reordered).fromCache());
        assertNotEquals(((InjectionOutcome.Injected) otherNamespace).patch(),
                ((InjectionOutcome.Injected) otherPod).patch());
    }

    @Test
    void aChangeInClusterFactsIsAMiss() throws Exception {
        AtomicLong generation = new AtomicLong();
        ClusterFacts facts = new ClusterFacts() {
            @Override
            public Optional<Map<String, String>> kubeletVersions(String clusterId) {
                return Optional.of(Map.of());
            }

            @Override
            public Optional<Map<String, String>> namespaceAnnotations(String clusterId, String namespace) {
                return Optional.empty();
            }

            @Override
            public long generation() {
                return generation.get();
            }
        };
        InjectionCache cache = new InjectionCache(minimal(facts), 8);
        cache.inject(request(POD, "default", "/inject"));
        cache.inject(request(POD, "default", "/inject"));
        assertEquals(1, cache.hits());
        generation.incrementAndGet();
        cache.inject(request(POD, "default", "/inject"));
        assertEquals(1, cache.hits());
        assertEquals(2, cache.misses());
    }

    @Test
    void templatesCallingRandomFunctionsAreNeverCached() throws Exception {
        String config = "policy: enabled\ndefaultTemplates: [r]\ntemplates:\n  r: |\n"
                + "    metadata:\n      annotations:\n        nonce: {{ randAlphaNum 8 }}\n";
        Injector injector = injector(config, ClusterFacts.NONE);
        assertFalse(injector.deterministic());
        InjectionCache cache = new InjectionCache(injector, 8);
        assertFalse(cache.active());
        InjectionOutcome.Injected a = (InjectionOutcome.Injected) cache.inject(request(POD, "default", "/inject"));
        InjectionOutcome.Injected b = (InjectionOutcome.Injected) cache.inject(request(POD, "default", "/inject"));
        assertFalse(b.fromCache());
        assertNotEquals(a.patch(), b.patch(), "two nonces");
        // the walk finds functions anywhere: in a define, a nested pipeline, an else branch
        String hidden = "policy: enabled\ndefaultTemplates: [r]\ntemplates:\n  r: |\n"
                + "    {{ define \"x\" }}{{ if .Revision }}a{{ else }}{{ (printf \"%s\" (uuidv4)) }}{{ end }}{{ end }}\n"
                + "    metadata: {}\n";
        assertFalse(injector(hidden, ClusterFacts.NONE).deterministic());
        assertTrue(minimal(ClusterFacts.NONE).deterministic());
    }

    @Test
    void skipsAreNotKeptAndZeroEntriesTurnsItOff() throws Exception {
        InjectionCache cache = new InjectionCache(minimal(ClusterFacts.NONE), 8);
        String skipped = POD.replace("spec: {", "spec: {hostNetwork: true, ");
        assertInstanceOf(InjectionOutcome.Skipped.class, cache.inject(request(skipped, "default", "/inject")));
        assertInstanceOf(InjectionOutcome.Skipped.class, cache.inject(request(skipped, "default", "/inject")));
        assertEquals(0, cache.hits());
        InjectionCache off = new InjectionCache(minimal(ClusterFacts.NONE), 0);
        assertFalse(off.active());
        off.inject(request(POD, "default", "/inject"));
        assertFalse(((InjectionOutcome.Injected) off.inject(request(POD, "default", "/inject"))).fromCache());
        assertThrows(IllegalArgumentException.class, () -> new InjectionCache(minimal(ClusterFacts.NONE), -1));
    }

    @Test
    void leastRecentlyUsedEntriesLeaveFirst() throws Exception {
        InjectionCache cache = new InjectionCache(minimal(ClusterFacts.NONE), 2);
        String a = POD, b = POD.replace("web-7d9f-", "b-"), c = POD.replace("web-7d9f-", "c-");
        cache.inject(request(a, "default", "/inject"));
        cache.inject(request(b, "default", "/inject"));
        cache.inject(request(a, "default", "/inject")); // hit; a is now the most recent
        cache.inject(request(c, "default", "/inject")); // evicts b
        assertEquals(1, cache.hits());
        assertTrue(((InjectionOutcome.Injected) cache.inject(request(a, "default", "/inject"))).fromCache());
        assertFalse(((InjectionOutcome.Injected) cache.inject(request(b, "default", "/inject"))).fromCache());
    }
}
