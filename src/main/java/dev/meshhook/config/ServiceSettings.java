package dev.meshhook.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * istiod environment variables that change injection, read under their Istio names (inject-spec l.2), plus
 * the injector revision. Values are taken once at start, as istiod does.
 *
 * @param revision             injector revision ({@code meshhook.revision} / {@code MESHHOOK_REVISION}, else
 *                             Istio's {@code REVISION}, else {@code default})
 * @param enableNativeSidecars {@code ENABLE_NATIVE_SIDECARS}: {@code auto} (default), {@code true} or {@code false}
 * @param compliancePolicy     {@code COMPLIANCE_POLICY}, empty by default
 * @param platform             {@code PLATFORM}, empty by default ({@code openshift} enables OpenShift handling)
 * @param injectEnabled        {@code INJECT_ENABLED}, default true; false turns /inject into "allow, no patch"
 */
public record ServiceSettings(String revision, String enableNativeSidecars, String compliancePolicy,
                              String platform, boolean injectEnabled) {

    public static ServiceSettings defaults() {
        return from(key -> null);
    }

    /** Reads settings from a lookup such as {@code System::getenv}; blank values count as unset. */
    public static ServiceSettings from(Function<String, String> env) {
        String revision = firstSet(env.apply("MESHHOOK_REVISION"), env.apply("REVISION"), "default");
        String native_ = firstSet(env.apply("ENABLE_NATIVE_SIDECARS"), null, "auto").toLowerCase(Locale.ROOT);
        if (!native_.equals("auto") && !native_.equals("true") && !native_.equals("false")) {
            throw new IllegalArgumentException("ENABLE_NATIVE_SIDECARS must be auto, true or false, got \""
                    + env.apply("ENABLE_NATIVE_SIDECARS") + "\"");
        }
        String compliance = firstSet(env.apply("COMPLIANCE_POLICY"), null, "");
        String platform = firstSet(env.apply("PLATFORM"), null, "");
        String injectEnabled = firstSet(env.apply("INJECT_ENABLED"), null, "true");
        return new ServiceSettings(revision, native_, compliance, platform, parseBool("INJECT_ENABLED", injectEnabled));
    }

    /** The settings as the environment map the injector's templates see through {@code env}. */
    public Map<String, String> asEnvironment() {
        return Map.of("REVISION", revision, "ENABLE_NATIVE_SIDECARS", enableNativeSidecars,
                "COMPLIANCE_POLICY", compliancePolicy, "PLATFORM", platform,
                "INJECT_ENABLED", Boolean.toString(injectEnabled));
    }

    private static String firstSet(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }

    // Go strconv.ParseBool accepts exactly these spellings; istiod env flags are parsed with it.
    private static boolean parseBool(String name, String value) {
        switch (value) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new IllegalArgumentException(name + " must be a boolean, got \"" + value + "\"");
        }
    }
}
