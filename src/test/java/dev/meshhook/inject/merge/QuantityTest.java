package dev.meshhook.inject.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2000m, 2", "1024Mi, 1Gi", "4000m, 4", "1000m, 1", "100m, 100m", "128Mi, 128Mi", "0, 0", "100Mi, 100Mi",
        "1.5, 1500m", "0.5, 500m", "1.5Gi, 1536Mi", "1e3, 1e3", "1.5e3, 1500", "+1, +1", "-0, 0", "1000, 1k",
        "500, 500", "0.3Ki, 307200m", "0.5Ki, 512", "1025Ki, 1025Ki", "1Ki, 1Ki", "2048, 2048", "1G, 1G",
        "1000M, 1G", "0.1m, 100u", "1n, 1n", "0.1n, 1n", "10Gi, 10Gi", "12e6, 12e6", "1.0, 1", "3000000, 3M",
        "01, 01", "0.000000001, 1n", "0000, 0",
    })
    void canonical(String in, String out) {
        assertEquals(out, Quantity.canonical(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1Q", "1.2.3", "--1", "1e", "1Mi3"})
    void rejects(String in) {
        assertThrows(Quantity.QuantityException.class, () -> Quantity.canonical(in));
    }
}
