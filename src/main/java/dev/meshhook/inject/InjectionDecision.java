package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a pod gets injected (inject-spec b), with the reason in words for logs and {@code explain}.
 *
 * @param inject   true to inject
 * @param reason   which rule decided, e.g. {@code annotation sidecar.istio.io/inject="false"}
 * @param warnings warnings Istio logs on the way (invalid inject value, illegal policy, bad selector)
 */
public record InjectionDecision(boolean inject, String reason, List<String> warnings) {

    /** Namespaces never injected (b.2). */
    public static final Set<String> IGNORED_NAMESPACES =
            Set.of("kube-system", "kube-public", "kube-node-lease", "local-path-storage");

    static final String INJECT_KEY = "sidecar.istio.io/inject";

    public InjectionDecision {
        warnings = List.copyOf(warnings);
    }

    /**
     * Applies the rules of b in order.
     *
     * @param pod       the pod (metadata + spec); its namespace must already be defaulted from the request
     * @param policy    config {@code policy} text
     * @param never     neverInjectSelector
     * @param always    alwaysInjectSelector
     */
    static InjectionDecision decide(JsonNode pod, String policy, List<LabelSelector> never, List<LabelSelector> always) {
        List<String> warnings = new ArrayList<>();
        JsonNode spec = pod.path("spec");
        if (spec.path("hostNetwork").asBoolean(false))
            return new InjectionDecision(false, "pod uses host networking (spec.hostNetwork=true)", warnings);
        String ns = Json.pathText(pod, "metadata", "namespace");
        if (IGNORED_NAMESPACES.contains(ns))
            return new InjectionDecision(false, "namespace " + ns + " is never injected", warnings);

        Map<String, String> labels = Json.stringMap(pod.path("metadata").get("labels"));
        Map<String, String> annotations = Json.stringMap(pod.path("metadata").get("annotations"));
        String value = annotations.getOrDefault(INJECT_KEY, "");
        String source = annotations.containsKey(INJECT_KEY) ? "annotation" : null;
        if (labels.containsKey(INJECT_KEY)) {
            value = labels.get(INJECT_KEY);
            source = "label";
        }
        Boolean explicit = null;
        String why = null;
        switch (value) {
            case "true" -> {
                explicit = true;
                why = source + " " + INJECT_KEY + "=\"true\"";
            }
            case "false" -> {
                explicit = false;
                why = source + " " + INJECT_KEY + "=\"false\"";
            }
            case "" -> { }
            default -> warnings.add("Invalid value for " + INJECT_KEY + ": \"" + value
                    + "\". Only 'true' and 'false' are accepted. Falling back to default injection policy.");
        }
        if (explicit == null) {
            for (int i = 0; i < never.size() && explicit == null; i++) {
                LabelSelector s = never.get(i);
                if (s.error() != null) warnings.add("Invalid selector for NeverInjectSelector: " + s + " (" + s.error() + ")");
                else if (!s.isEmpty() && s.matches(labels)) {
                    explicit = false;
                    why = "pod labels match neverInjectSelector[" + i + "] " + s;
                }
            }
        }
        if (explicit == null) {
            for (int i = 0; i < always.size() && explicit == null; i++) {
                LabelSelector s = always.get(i);
                if (s.error() != null) warnings.add("Invalid selector for AlwaysInjectSelector: " + s + " (" + s.error() + ")");
                else if (!s.isEmpty() && s.matches(labels)) {
                    explicit = true;
                    why = "pod labels match alwaysInjectSelector[" + i + "] " + s;
                }
            }
        }
        switch (policy) {
            case "enabled" -> {
                if (explicit == null) return new InjectionDecision(true, "default policy is enabled", warnings);
                return new InjectionDecision(explicit, why + " (policy enabled)", warnings);
            }
            case "disabled" -> {
                if (explicit == null) return new InjectionDecision(false, "default policy is disabled", warnings);
                return new InjectionDecision(explicit, why + " (policy disabled)", warnings);
            }
            default -> {
                warnings.add("Illegal value for autoInject:" + policy + ", must be one of [disabled,enabled]. Auto injection disabled!");
                return new InjectionDecision(false, "illegal policy " + Json.goQuote(policy) + ": auto injection disabled", warnings);
            }
        }
    }
}
