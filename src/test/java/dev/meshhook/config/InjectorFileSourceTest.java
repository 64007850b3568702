package dev.meshhook.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectorFileSourceTest {

    private static final InjectorSources EMBEDDED = new InjectorSources("embedded-config", "{}", "embedded-mesh", "e");

    private static String compile(InjectorSources s) {
        if (s.config().contains("broken")) {
            throw new IllegalArgumentException("broken config");
        }
        return s.config() + "|" + s.values() + "|" + s.mesh();
    }

    @Test
    void embeddedWhenNothingConfigured() {
        ConfigHolder<String> h = new ConfigHolder<>(InjectorFileSourceTest::compile);
        try (InjectorFileSource src = new InjectorFileSource(null, null, () -> EMBEDDED, h)) {
            src.reload();
        }
        assertEquals("embedded-config|{}|embedded-mesh", h.current().orElseThrow().compiled());
    }

    @Test
    void filesOverrideEmbeddedPartByPart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config"), "file-config");
        Files.writeString(dir.resolve("values"), "{\"a\":1}");
        ConfigHolder<String> h = new ConfigHolder<>(InjectorFileSourceTest::compile);
        try (InjectorFileSource src = new InjectorFileSource(dir, null, () -> EMBEDDED, h)) {
            src.reload();
        }
        assertEquals("file-config|{\"a\":1}|embedded-mesh", h.current().orElseThrow().compiled());
    }

    @Test
    void missingFileIsARejectionNotACrash(@TempDir Path dir) {
        ConfigHolder<String> h = new ConfigHolder<>(InjectorFileSourceTest::compile);
        try (InjectorFileSource src = new InjectorFileSource(dir, null, () -> EMBEDDED, h)) {
            src.reload();
        }
        assertTrue(h.current().isEmpty());
        assertTrue(h.lastRejection().orElseThrow().reason().contains("config"), h.lastRejection().toString());
    }

    @Test
    void watcherPicksUpChangesAndKeepsLastGoodOnBadOnes(@TempDir Path dir) throws Exception {
        Path mesh = dir.resolve("mesh");
        Files.writeString(dir.resolve("config"), "v1");
        Files.writeString(dir.resolve("values"), "{}");
        Files.writeString(mesh, "m1");
        ConfigHolder<String> h = new ConfigHolder<>(InjectorFileSourceTest::compile);
        try (InjectorFileSource src = new InjectorFileSource(dir, mesh, () -> EMBEDDED, h)) {
            src.reload();
            src.start(Duration.ofMillis(200));
            assertEquals("v1|{}|m1", h.current().orElseThrow().compiled());

            // ConfigMap volumes swap a symlink; a rename-over is the closest portable equivalent
            Path tmp = dir.resolve(".config.tmp");
            Files.writeString(tmp, "v2");
            Files.move(tmp, dir.resolve("config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            awaitCompiled(h, "v2|{}|m1");

            Files.writeString(dir.resolve("config"), "broken");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (h.lastRejection().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("broken config", h.lastRejection().orElseThrow().reason());
            assertEquals("v2|{}|m1", h.current().orElseThrow().compiled(), "last good kept");

            Files.writeString(mesh, "m2");
            Files.writeString(dir.resolve("config"), "v3");
            awaitCompiled(h, "v3|{}|m2");
            assertTrue(h.lastRejection().isEmpty());
        }
    }

    private static void awaitCompiled(ConfigHolder<String> h, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!expected.equals(h.current().map(ConfigHolder.Snapshot::compiled).orElse(null))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, h.current().orElseThrow().compiled());
    }
}
