package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The selector/targetRef block shared by the policy kinds (AuthorizationPolicy, RequestAuthentication, Telemetry,
 * WasmPlugin, TrafficExtension): the schema types and the combined check of §2.1.3 in Istio's order
 * (exclusivity, selector, targetRef, targetRefs).
 */
final class PolicyTargets {
    private PolicyTargets() {}

    static final ProtoType TARGET_REF = message("istio.type.v1beta1.PolicyTargetReference")
            .fields(STRING, "group", "kind", "name", "namespace");
    static final ProtoType TARGET_REFS = listOf(TARGET_REF);
    static final ProtoType SELECTOR = NetworkingTypes.TYPE_WORKLOAD_SELECTOR;

    /** Adds {@code selector}, {@code targetRef} and {@code targetRefs} fields to a message type. */
    static ProtoType withTargets(ProtoType type, boolean singularTargetRef) {
        type.field("selector", SELECTOR).field("targetRefs", TARGET_REFS);
        if (singularTargetRef) {
            type.field("targetRef", TARGET_REF);
        }
        return type;
    }

    /** The errors of the combined selector/targetRef rules, in Istio's order. */
    static List<String> errors(JsonNode spec) {
        JsonNode selector = Json.get(spec, "selector");
        JsonNode targetRef = Json.get(spec, "targetRef");
        JsonNode targetRefs = Json.get(spec, "targetRefs");
        List<String> errs = new ArrayList<>(Labels.oneOfSelectorType(selector, targetRef, targetRefs));
        errs.addAll(Labels.workloadSelectorErrors(selector));
        errs.addAll(Labels.targetRef(targetRef));
        errs.addAll(Labels.targetRefs(targetRefs));
        return errs;
    }

    /** Files the combined rules: errors plus the "workload selector specified without labels" warning. */
    static void check(JsonNode spec, Findings findings) {
        for (String e : errors(spec)) {
            findings.error(e);
        }
        if (Labels.selectorWithoutLabels(Json.get(spec, "selector"))) {
            findings.warn("workload selector specified without labels");
        }
    }
}
