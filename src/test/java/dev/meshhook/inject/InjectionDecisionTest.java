package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionDecisionTest {

    private static JsonNode pod(String ns, String label, String annotation, String extraLabel, boolean hostNetwork) {
        ObjectNode p = Json.F.objectNode();
        ObjectNode meta = p.putObject("metadata");
        meta.put("name", "p");
        if (!ns.isEmpty()) meta.put("namespace", ns);
        if (label != null) meta.putObject("labels").put("sidecar.istio.io/inject", label);
        if (extraLabel != null) ((ObjectNode) (meta.has("labels") ? meta.get("labels") : meta.putObject("labels"))).put(extraLabel.split("=")[0], extraLabel.split("=")[1]);
        if (annotation != null) meta.putObject("annotations").put("sidecar.istio.io/inject", annotation);
        p.putObject("spec").put("hostNetwork", hostNetwork);
        return p;
    }

    private static List<LabelSelector> sel(String key, String value) {
        ObjectNode s = Json.F.objectNode();
        s.putObject("matchLabels").put(key, value);
        return List.of(LabelSelector.fromJson(s));
    }

    // ns, label, annotation, podLabel, policy, never(k=v), always(k=v), expected
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "default, -, -, -, enabled, -, -, true",
            "default, -, -, -, disabled, -, -, false",
            "default, -, true, -, disabled, -, -, true",
            "default, -, false, -, enabled, -, -, false",
            "default, false, true, -, enabled, -, -, false",   // label beats annotation
            "default, true, false, -, disabled, -, -, true",   // in both directions
            "default, '', true, -, disabled, -, -, false",     // empty label still replaces the annotation
            "default, -, yes, -, disabled, -, -, false",       // invalid value falls back to policy
            "default, -, True, -, enabled, -, -, true",        // case-sensitive, falls back
            "kube-system, -, true, -, enabled, -, -, false",
            "local-path-storage, -, -, -, enabled, -, -, false",
            "default, -, -, app=a, enabled, app=a, -, false",  // neverInjectSelector
            "default, -, -, app=a, disabled, -, app=a, true",  // alwaysInjectSelector
            "default, -, -, app=a, disabled, app=a, app=a, false", // never beats always
            "default, -, true, app=a, enabled, app=a, -, true",     // annotation true overrides never
            "default, -, false, app=a, disabled, -, app=a, false",  // annotation false overrides always
            "default, -, true, -, '', -, -, false",            // illegal policy disables even explicit inject
            "default, -, true, -, Enabled, -, -, false",
    })
    void table(String ns, String label, String annotation, String podLabel, String policy, String never, String always,
               boolean expected) {
        List<LabelSelector> n = never == null ? List.of() : sel(never.split("=")[0], never.split("=")[1]);
        List<LabelSelector> a = always == null ? List.of() : sel(always.split("=")[0], always.split("=")[1]);
        InjectionDecision d = InjectionDecision.decide(pod(ns, label, annotation, podLabel, false), policy, n, a);
        assertEquals(expected, d.inject(), d.reason());
        assertFalse(d.reason().isEmpty());
    }

    @Test
    void hostNetworkSkipsBeforeAnythingElse() {
        InjectionDecision d = InjectionDecision.decide(pod("default", "true", null, null, true), "enabled", List.of(), List.of());
        assertFalse(d.inject());
        assertTrue(d.reason().contains("hostNetwork"));
    }

    @Test
    void invalidValueWarnsWithIstioText() {
        InjectionDecision d = InjectionDecision.decide(pod("default", null, "on", null, false), "enabled", List.of(), List.of());
        assertTrue(d.inject());
        assertEquals(List.of("Invalid value for sidecar.istio.io/inject: \"on\". Only 'true' and 'false' are accepted. "
                + "Falling back to default injection policy."), d.warnings());
    }

    @Test
    void emptyAndBrokenSelectorsNeverMatch() {
        ObjectNode empty = Json.F.objectNode();
        ObjectNode broken = Json.F.objectNode();
        broken.putArray("matchExpressions").addObject().put("key", "app").put("operator", "Bogus");
        List<LabelSelector> never = List.of(LabelSelector.fromJson(empty), LabelSelector.fromJson(broken));
        InjectionDecision d = InjectionDecision.decide(pod("default", null, null, "app=a", false), "enabled", never, List.of());
        assertTrue(d.inject());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).startsWith("Invalid selector for NeverInjectSelector"));
    }

    @Test
    void illegalPolicyWarns() {
        InjectionDecision d = InjectionDecision.decide(pod("default", null, null, null, false), "on", List.of(), List.of());
        assertFalse(d.inject());
        assertEquals(List.of("Illegal value for autoInject:on, must be one of [disabled,enabled]. Auto injection disabled!"),
                d.warnings());
    }

    @Test
    void matchExpressionsOperators() {
        ObjectNode s = Json.F.objectNode();
        var ex = s.putArray("matchExpressions");
        ex.addObject().put("key", "tier").put("operator", "NotIn").putArray("values").add("db");
        ex.addObject().put("key", "app").put("operator", "Exists");
        LabelSelector sel = LabelSelector.fromJson(s);
        assertTrue(sel.matches(java.util.Map.of("app", "x")));
        assertFalse(sel.matches(java.util.Map.of("app", "x", "tier", "db")));
        assertFalse(sel.matches(java.util.Map.of("tier", "web")));
    }
}
