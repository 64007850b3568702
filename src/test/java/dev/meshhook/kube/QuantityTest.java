package dev.meshhook.kube;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2000m, 2", "1000m, 1", "100m, 100m", "128Mi, 128Mi", "1024Mi, 1Gi", "1Gi, 1Gi", "0, 0", "0m, 0",
            "1000, 1k", "1500, 1500", "0.5, 500m", "1.5Gi, 1536Mi", "512, 512", "1Ki, 1Ki", "1023Ki, 1023Ki",
            "1e3, 1e3", "1.5, 1500m", "0.1, 100m", "10G, 10G", "2.5M, 2500k", "-1, -1", "0.0000000001, 1n",
            "100Mi, 100Mi", "2048, 2048", "40Mi, 40Mi", "1.0, 1", "250000u, 250m"
    })
    void canonicalForm(String in, String out) {
        assertEquals(out, Quantity.canonical(in).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"abc", "1.2.3", "1Q", "'1 Gi'", "''"})
    void rejectsNonQuantities(String in) {
        assertTrue(Quantity.canonical(in).isEmpty());
    }
}
