package dev.meshhook.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceSettingsTest {
    @Test
    void istioDefaults() {
        ServiceSettings s = ServiceSettings.defaults();
        assertEquals("default", s.revision());
        assertEquals("auto", s.enableNativeSidecars());
        assertEquals("", s.compliancePolicy());
        assertEquals("", s.platform());
        assertTrue(s.injectEnabled());
    }

    @Test
    void readsIstioNamesAndMeshhookRevisionWins() {
        Map<String, String> env = Map.of("REVISION", "canary", "MESHHOOK_REVISION", "1-24", "ENABLE_NATIVE_SIDECARS",
                "FALSE", "COMPLIANCE_POLICY", "fips-140-2", "PLATFORM", "openshift", "INJECT_ENABLED", "0");
        ServiceSettings s = ServiceSettings.from(env::get);
        assertEquals("1-24", s.revision());
        assertEquals("false", s.enableNativeSidecars());
        assertEquals("fips-140-2", s.compliancePolicy());
        assertEquals("openshift", s.platform());
        assertFalse(s.injectEnabled());
        assertEquals("canary", ServiceSettings.from(Map.of("REVISION", "canary")::get).revision());
    }

    @Test
    void rejectsValuesIstiodWouldNotAccept() {
        assertThrows(IllegalArgumentException.class,
                () -> ServiceSettings.from(Map.of("INJECT_ENABLED", "yes")::get));
        assertThrows(IllegalArgumentException.class,
                () -> ServiceSettings.from(Map.of("ENABLE_NATIVE_SIDECARS", "maybe")::get));
    }
}
