package dev.meshhook.config;

import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectorEnv;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectorSetupTest {

    private static final String CONFIG = "policy: enabled\ntemplates:\n  sidecar: |\n    metadata:\n      labels:\n"
            + "        injected: \"{{ .Revision }}\"\n";

    private static InjectorSetup compile(String config, String values, String mesh) {
        return InjectorSetup.compile(new InjectorSources(config, values, mesh, "test"), "default",
                InjectorEnv.defaults(), ClusterFacts.NONE);
    }

    @Test
    void compilesTextsIntoAnInjector() {
        InjectorSetup setup = compile(CONFIG, "{}", "trustDomain: example.org\n");
        assertEquals("enabled", setup.config().policy());
        assertEquals("example.org", setup.mesh().trustDomain());
        assertEquals("default", setup.injector().revision());
        assertTrue(setup.warnings().isEmpty());
    }

    @Test
    void rejectsWithIstiosWording() {
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> compile(CONFIG, "[1, 2]", ""));
        assertTrue(values.getMessage().startsWith("failed to create new values config: could not parse configuration values"),
                values.getMessage());
        IllegalArgumentException template = assertThrows(IllegalArgumentException.class,
                () -> compile("templates:\n  sidecar: \"{{ .Unclosed\"\n", "{}", ""));
        assertTrue(template.getMessage().contains("sidecar"), template.getMessage());
        assertThrows(IllegalArgumentException.class, () -> compile("- a list\n", "{}", ""));
        assertThrows(IllegalArgumentException.class, () -> compile(CONFIG, "{}", "- not a mapping\n"));
    }

    @Test
    void emptyTemplatesIsAcceptedWithIstiosWarning() {
        InjectorSetup setup = compile("policy: enabled\n", "{}", "");
        assertEquals(1, setup.warnings().size());
        assertTrue(setup.warnings().get(0).startsWith("injection templates are empty."));
    }
}
