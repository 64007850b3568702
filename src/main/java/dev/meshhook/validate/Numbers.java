package dev.meshhook.validate;

import java.util.Optional;

/** Numeric range rules shared by several kinds (validation-spec §2.1.2), with Istio's messages. */
public final class Numbers {
    private Numbers() {}

    /** {@code ValidatePort}: 1..65535. */
    public static Optional<String> port(long port) {
        if (port < 1 || port > 65535) {
            return Optional.of("port number " + port + " must be in the range 1..65535");
        }
        return Optional.empty();
    }

    /** {@code ValidatePercent}: integer 0..100. */
    public static Optional<String> percent(long value) {
        if (value < 0 || value > 100) {
            return Optional.of("percentage " + value + " is not in range 0..100");
        }
        return Optional.empty();
    }

    /** Fractional {@code Percent.value} (fault injection): 0, or within [0.0001, 100]. */
    public static Optional<String> fractionalPercent(double value) {
        if (value < 0.0 || value > 100.0 || (value > 0.0 && value < 0.0001) || Double.isNaN(value)) {
            return Optional.of("percentage " + GoFormat.floatV(value) + " is neither 0.0, nor in range [0.0001, 100.0]");
        }
        return Optional.empty();
    }

    /** Route weight: not negative. */
    public static Optional<String> weight(long weight) {
        if (weight < 0) {
            return Optional.of("weight " + weight + " < 0");
        }
        return Optional.empty();
    }

    /** HTTP status of fault aborts and direct responses: 200..600 accepted (Istio's message says 200-599). */
    public static Optional<String> httpStatus(long status) {
        if (status < 200 || status > 600) {
            return Optional.of("HTTP status " + status + " is not in range 200-599");
        }
        return Optional.empty();
    }
}
