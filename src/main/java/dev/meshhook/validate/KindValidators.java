package dev.meshhook.validate;

import java.util.List;

/**
 * The registry of kind validators known to {@link ConfigValidator} (one line per kind). Kinds not
 * listed here (and not Gateway API kinds) are denied as {@code unrecognized type}.
 */
public final class KindValidators {
    private KindValidators() {}

    public static List<KindValidator> all() {
        return List.of(
                // networking.istio.io (validate-net)
                // security.istio.io, telemetry.istio.io, extensions.istio.io and the remaining
                // networking.istio.io kinds (validate-sec)
        );
    }
}
