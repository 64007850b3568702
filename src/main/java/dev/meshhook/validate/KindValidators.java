package dev.meshhook.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of kind validators known to {@link ConfigValidator} (one line per kind). Kinds not
 * listed here (and not Gateway API kinds) are denied as {@code unrecognized type}.
 */
public final class KindValidators {
    private KindValidators() {}

    public static List<KindValidator> all() {
        List<KindValidator> all = new ArrayList<>();
        // networking.istio.io (validate-net)
        all.add(new VirtualServiceValidator());
        all.add(new DestinationRuleValidator());
        all.add(new GatewayValidator());
        all.add(new ServiceEntryValidator());
        all.add(new SidecarValidator());
        // security.istio.io, telemetry.istio.io, extensions.istio.io and the remaining
        // networking.istio.io kinds (validate-sec)
        all.add(new EnvoyFilterValidator());
        all.add(new WorkloadEntryValidator());
        all.add(new WorkloadGroupValidator());
        all.add(new ProxyConfigValidator());
        all.add(new AuthorizationPolicyValidator());
        all.add(new PeerAuthenticationValidator());
        all.add(new RequestAuthenticationValidator());
        all.add(new TelemetryValidator());
        all.add(new WasmPluginValidator());
        all.add(new TrafficExtensionValidator());
        return List.copyOf(all);
    }
}
