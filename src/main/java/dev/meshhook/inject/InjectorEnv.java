package dev.meshhook.inject;

import java.util.Map;

/**
 * The istiod environment variables that change injection (inject-spec l.2), passed in by the adapter — the core
 * never reads the process environment itself.
 *
 * @param enableNativeSidecars {@code ENABLE_NATIVE_SIDECARS}: {@code auto} (default), {@code true}, {@code false};
 *                             any other value disables native sidecars
 * @param compliancePolicy     {@code COMPLIANCE_POLICY} (template field {@code .CompliancePolicy}), "" when unset
 * @param platform             {@code PLATFORM}; {@code openshift} enables the OpenShift UID/GID handling (f.9)
 * @param injectEnabled        {@code INJECT_ENABLED} (default true); false means the adapter should not serve
 * @param variables            every variable, for the template {@code env} function
 */
public record InjectorEnv(String enableNativeSidecars, String compliancePolicy, String platform,
                          boolean injectEnabled, Map<String, String> variables) {

    public InjectorEnv {
        enableNativeSidecars = enableNativeSidecars == null || enableNativeSidecars.isEmpty() ? "auto" : enableNativeSidecars;
        compliancePolicy = compliancePolicy == null ? "" : compliancePolicy;
        platform = platform == null ? "" : platform;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** istiod defaults: native sidecars auto-detected, no compliance policy, no platform. */
    public static InjectorEnv defaults() {
        return new InjectorEnv("auto", "", "", true, Map.of());
    }

    /** Builds the record from a variable map such as {@code System.getenv()} (done by adapters, never the core). */
    public static InjectorEnv fromVariables(Map<String, String> vars) {
        String enabled = vars.getOrDefault("INJECT_ENABLED", "true");
        return new InjectorEnv(vars.get("ENABLE_NATIVE_SIDECARS"), vars.get("COMPLIANCE_POLICY"), vars.get("PLATFORM"),
                !"false".equalsIgnoreCase(enabled.trim()), vars);
    }

    boolean openshift() {
        return "openshift".equalsIgnoreCase(platform);
    }
}
