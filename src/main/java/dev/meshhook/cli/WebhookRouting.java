package dev.meshhook.cli;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which entry of Istio's MutatingWebhookConfiguration (inject-spec a.7) would send a pod to the injector, given
 * the namespace's and the pod's labels. The injector never sees these labels itself: routing is all selectors,
 * which is why "labelled but not injected" puzzles users (landscape §3 #7).
 */
final class WebhookRouting {
    static final String INJECTION = "istio-injection";
    static final String REV = "istio.io/rev";
    static final String INJECT = "sidecar.istio.io/inject";
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "local-path-storage");

    private WebhookRouting() {}

    /**
     * @param revision          the injector's revision ({@code default} for the default one)
     * @param namespacesDefault {@code sidecarInjectorWebhook.enableNamespacesByDefault}
     * @return the matching webhook's name and why, or empty when no entry matches
     */
    static Optional<String> route(String revision, boolean namespacesDefault, String namespace,
                                  Map<String, String> ns, Map<String, String> pod) {
        String rev = revision == null || revision.isEmpty() ? "default" : revision;
        boolean defaultRevision = rev.equals("default");
        boolean notDisabled = !"false".equals(pod.get(INJECT));
        if (rev.equals(ns.get(REV)) && !ns.containsKey(INJECTION) && notDisabled) {
            return Optional.of("rev.namespace.sidecar-injector.istio.io (namespace label " + REV + "=" + rev + ")");
        }
        if (!ns.containsKey(REV) && !ns.containsKey(INJECTION) && notDisabled && rev.equals(pod.get(REV))) {
            return Optional.of("rev.object.sidecar-injector.istio.io (pod label " + REV + "=" + rev + ")");
        }
        if (defaultRevision && "enabled".equals(ns.get(INJECTION)) && notDisabled) {
            return Optional.of("namespace.sidecar-injector.istio.io (namespace label " + INJECTION + "=enabled)");
        }
        if (defaultRevision && !ns.containsKey(INJECTION) && !ns.containsKey(REV) && "true".equals(pod.get(INJECT))
                && !pod.containsKey(REV)) {
            return Optional.of("object.sidecar-injector.istio.io (pod label " + INJECT + "=true)");
        }
        if (defaultRevision && namespacesDefault && !ns.containsKey(INJECTION) && !ns.containsKey(REV)
                && !SYSTEM_NAMESPACES.contains(namespace) && !pod.containsKey(INJECT) && !pod.containsKey(REV)) {
            return Optional.of("auto.sidecar-injector.istio.io (enableNamespacesByDefault)");
        }
        return Optional.empty();
    }

    /** A hint for the common reasons no entry matched. */
    static String whyNot(String revision, Map<String, String> ns, Map<String, String> pod) {
        String rev = revision == null || revision.isEmpty() ? "default" : revision;
        if ("false".equals(pod.get(INJECT))) {
            return "the pod label " + INJECT + "=false excludes it from every webhook";
        }
        if (ns.containsKey(INJECTION) && !"enabled".equals(ns.get(INJECTION))) {
            return "namespace label " + INJECTION + "=" + ns.get(INJECTION) + " (only \"enabled\" selects)";
        }
        if (ns.containsKey(INJECTION) && !rev.equals("default")) {
            return "namespace label " + INJECTION + " only routes to the default revision; this injector is revision "
                    + rev + " (label the namespace " + REV + "=" + rev + " instead)";
        }
        if (ns.containsKey(REV) && !rev.equals(ns.get(REV))) {
            return "namespace label " + REV + "=" + ns.get(REV) + " selects another revision (this one is " + rev + ")";
        }
        if (ns.containsKey(REV) && ns.containsKey(INJECTION)) {
            return "the namespace has both " + INJECTION + " and " + REV + "; " + INJECTION + " wins and selects"
                    + " the default revision only";
        }
        return "neither the namespace (" + INJECTION + "=enabled or " + REV + "=" + rev + ") nor the pod ("
                + REV + "=" + rev + " or " + INJECT + "=true) opts in";
    }
}
