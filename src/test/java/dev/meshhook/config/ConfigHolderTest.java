package dev.meshhook.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigHolderTest {

    /** Compiles "good:<n>" to n; anything else is rejected with a message. */
    private static Integer compile(InjectorSources s) {
        if (!s.config().startsWith("good:")) {
            throw new IllegalArgumentException("bad config " + s.config());
        }
        return Integer.parseInt(s.config().substring(5)) + s.mesh().length();
    }

    @Test
    void emptyUntilFirstAccepted() {
        ConfigHolder<Integer> h = new ConfigHolder<>(ConfigHolderTest::compile);
        assertTrue(h.current().isEmpty());
        var u = h.offer(new InjectorSources("bad", "{}", "", "t"));
        assertInstanceOf(ConfigHolder.Update.Rejected.class, u);
        assertTrue(h.current().isEmpty());
        assertEquals("bad config bad", h.lastRejection().orElseThrow().reason());
    }

    @Test
    void badUpdateKeepsLastGoodAndGoodUpdateClearsRejection() {
        ConfigHolder<Integer> h = new ConfigHolder<>(ConfigHolderTest::compile);
        List<Long> seen = new ArrayList<>();
        h.onChange(s -> seen.add(s.generation()));
        h.offer(new InjectorSources("good:1", "{}", "", "a"));
        assertEquals(1, h.current().orElseThrow().compiled());
        h.offer(new InjectorSources("broken", "{}", "", "b"));
        assertEquals(1, h.current().orElseThrow().compiled(), "last good config stays");
        assertEquals(1, h.current().orElseThrow().generation());
        assertEquals("b", h.lastRejection().orElseThrow().origin());
        h.offer(new InjectorSources("good:2", "{}", "", "c"));
        assertEquals(2, h.current().orElseThrow().compiled());
        assertEquals(2, h.current().orElseThrow().generation());
        assertTrue(h.lastRejection().isEmpty());
        assertEquals(List.of(1L, 2L), seen);
    }

    @Test
    void identicalTextsAreNotRecompiled() {
        int[] compiles = {0};
        ConfigHolder<Integer> h = new ConfigHolder<>(s -> {
            compiles[0]++;
            return compile(s);
        });
        h.offer(new InjectorSources("good:1", "{}", "", "a"));
        var u = h.offer(new InjectorSources("good:1", "{}", "", "a again"));
        assertInstanceOf(ConfigHolder.Update.Unchanged.class, u);
        assertEquals(1, compiles[0]);
    }

    @Test
    void meshAndInjectorPartsAreReplacedSeparately() {
        ConfigHolder<Integer> h = new ConfigHolder<>(ConfigHolderTest::compile);
        assertInstanceOf(ConfigHolder.Update.Rejected.class, h.offerMesh("abc", "mesh"));
        h.offerInjector("good:10", "{}", "cm");
        h.offerMesh("abc", "mesh");
        assertEquals(13, h.current().orElseThrow().compiled());
        h.offerInjector("good:20", "{}", "cm");
        assertEquals(23, h.current().orElseThrow().compiled(), "mesh text kept across injector updates");
        assertEquals("abc", h.current().orElseThrow().sources().mesh());
    }

    @Test
    void compilerErrorWithoutMessageStillExplains() {
        ConfigHolder<Integer> h = new ConfigHolder<>(s -> {
            throw new NullPointerException();
        });
        h.offer(new InjectorSources("x", "y", "", "o"));
        assertEquals("NullPointerException", h.lastRejection().orElseThrow().reason());
    }
}
