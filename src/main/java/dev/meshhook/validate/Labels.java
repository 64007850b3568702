package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label maps, workload selectors and policy target references (validation-spec §2.1.3), with Istio's messages.
 * Methods return the messages in validation order; callers decide how to file them (some callers prefix them, and
 * label-map errors are a "list form" producer, §1.5).
 */
public final class Labels {
    private static final String DNS_LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern TAG_KEY =
        Pattern.compile("^(" + DNS_LABEL + "(?:\\." + DNS_LABEL + ")*/)?(" + QUALIFIED_NAME + ")$");
    private static final Pattern TAG_VALUE = Pattern.compile("^(" + QUALIFIED_NAME + ")?$");

    /** Allowed targets of {@code targetRef}/{@code targetRefs}: canonical group and kind; version is not checked. */
    private static final String[][] ALLOWED_TARGETS = {
        {"core", "Service"},
        {"networking.istio.io", "ServiceEntry"},
        {"gateway.networking.k8s.io", "Gateway"},
        {"gateway.networking.k8s.io", "GatewayClass"},
    };
    private static final String ALLOWED_TARGETS_TEXT = "[core/v1/Service networking.istio.io/v1/ServiceEntry "
        + "gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass]";

    private Labels() {}

    /**
     * {@code labels.Instance.Validate}: every key a qualified name (prefix ≤ 253, name ≤ 63), every value a label
     * value (empty allowed, no length limit). {@code labels} may be null (no errors).
     */
    public static List<String> validateLabelMap(JsonNode labels) {
        List<String> errs = new ArrayList<>();
        Map<String, String> m = SpecAccess.stringMap(labels);
        if (m == null) {
            return errs;
        }
        m.forEach((k, v) -> {
            String keyErr = tagKeyError(k);
            if (keyErr != null) {
                errs.add(keyErr);
            }
            if (!TAG_VALUE.matcher(v).matches()) {
                errs.add("invalid tag value: " + GoFormat.quote(v));
            }
        });
        return errs;
    }

    private static String tagKeyError(String k) {
        if (!TAG_KEY.matcher(k).matches()) {
            return "invalid tag key: " + GoFormat.quote(k);
        }
        String[] parts = k.split("/", -1);
        if (parts.length == 2 && parts[0].length() > 253) {
            return "invalid tag key: " + GoFormat.quote(k) + " (DNS prefix is too long)";
        }
        if (parts[parts.length - 1].length() > 63) {
            return "invalid tag key: " + GoFormat.quote(k) + " (name is too long)";
        }
        return null;
    }

    /**
     * v1beta1 workload selector ({@code selector: {matchLabels: ...}}): key/wildcard errors and the
     * "without labels" warning. A null selector (absent) adds nothing.
     */
    public static void validateWorkloadSelector(JsonNode selector, Findings findings) {
        if (selector == null || selector.isNull()) {
            return;
        }
        Map<String, String> labels = SpecAccess.stringMap(SpecAccess.get(selector, "matchLabels"));
        for (String e : selectorErrors(labels)) {
            findings.error(e);
        }
        if (labels == null || labels.isEmpty()) {
            findings.warn("workload selector specified without labels");
        }
    }

    /** Errors of a v1beta1 selector only (no warning), for callers that prefix errors. */
    public static List<String> workloadSelectorErrors(JsonNode selector) {
        if (selector == null || selector.isNull()) {
            return new ArrayList<>();
        }
        return selectorErrors(SpecAccess.stringMap(SpecAccess.get(selector, "matchLabels")));
    }

    /** Whether a present v1beta1 selector has no labels (the warning condition). */
    public static boolean selectorWithoutLabels(JsonNode selector) {
        if (selector == null || selector.isNull()) {
            return false;
        }
        Map<String, String> labels = SpecAccess.stringMap(SpecAccess.get(selector, "matchLabels"));
        return labels == null || labels.isEmpty();
    }

    /**
     * Alpha-style selector ({@code workloadSelector: {labels: ...}}, Sidecar/EnvoyFilter/ServiceEntry): the same
     * two error checks; callers abort validation when this is non-empty and word the "without labels" warning
     * per kind ({@link #selectorLabelsEmpty}).
     */
    public static List<String> alphaSelectorErrors(JsonNode workloadSelector) {
        if (workloadSelector == null || workloadSelector.isNull()) {
            return new ArrayList<>();
        }
        return selectorErrors(SpecAccess.stringMap(SpecAccess.get(workloadSelector, "labels")));
    }

    /**
     * The alpha selector checks as Sidecar and ServiceEntry run them first: errors recorded (return false, the caller
     * stops), or the "{@code <subject>: workload selector specified without labels …}" warning for an empty one.
     */
    static boolean checkAlphaSelector(JsonNode workloadSelector, String subject, Findings findings) {
        List<String> errors = alphaSelectorErrors(workloadSelector);
        if (!errors.isEmpty()) {
            errors.forEach(findings::error);
            return false;
        }
        if (selectorLabelsEmpty(workloadSelector)) {
            findings.warn(subject + ": workload selector specified without labels, will be applied to all services in namespace");
        }
        return true;
    }

    /** Whether a present alpha workload selector has no labels. */
    public static boolean selectorLabelsEmpty(JsonNode workloadSelector) {
        if (workloadSelector == null || workloadSelector.isNull()) {
            return false;
        }
        Map<String, String> labels = SpecAccess.stringMap(SpecAccess.get(workloadSelector, "labels"));
        return labels == null || labels.isEmpty();
    }

    private static List<String> selectorErrors(Map<String, String> labels) {
        List<String> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        labels.forEach((k, v) -> {
            if (k.isEmpty()) {
                errs.add("empty key is not supported in selector: " + GoFormat.quote(k + "=" + v));
            }
            if (k.contains("*") || v.contains("*")) {
                errs.add("wildcard is not supported in selector: " + GoFormat.quote(k + "=" + v));
            }
        });
        return errs;
    }

    /**
     * {@code validateOneOfSelectorType}: at most one of a selector, a singular targetRef, a non-empty targetRefs list.
     * Arguments are the raw fields (null when absent).
     */
    public static List<String> oneOfSelectorType(JsonNode selector, JsonNode targetRef, JsonNode targetRefs) {
        int set = 0;
        if (selector != null && !selector.isNull()) {
            set++;
        }
        if (targetRef != null && !targetRef.isNull()) {
            set++;
        }
        if (targetRefs != null && targetRefs.isArray() && !targetRefs.isEmpty()) {
            set++;
        }
        List<String> errs = new ArrayList<>();
        if (set > 1) {
            errs.add("only one of targetRefs or workloadSelector can be set");
        }
        return errs;
    }

    /** Rules for one policy target reference; a null reference has no errors. */
    public static List<String> targetRef(JsonNode ref) {
        List<String> errs = new ArrayList<>();
        if (ref == null || ref.isNull()) {
            return errs;
        }
        if (SpecAccess.text(ref, "name").isEmpty()) {
            errs.add("targetRef name must be set");
        }
        if (!SpecAccess.text(ref, "namespace").isEmpty()) {
            errs.add("targetRef namespace must not be set; cross namespace referencing is not supported");
        }
        String group = SpecAccess.text(ref, "group");
        String kind = SpecAccess.text(ref, "kind");
        String canonical = group.isEmpty() ? "core" : group;
        boolean allowed = false;
        for (String[] t : ALLOWED_TARGETS) {
            if (t[0].equals(canonical) && t[1].equals(kind)) {
                allowed = true;
                break;
            }
        }
        if (!allowed) {
            errs.add("targetRef must be to one of " + ALLOWED_TARGETS_TEXT + " but was " + group + "/" + kind);
        }
        return errs;
    }

    /** Rules for every entry of {@code targetRefs} (null entries decode as empty references). */
    public static List<String> targetRefs(JsonNode refs) {
        List<String> errs = new ArrayList<>();
        if (refs == null || !refs.isArray()) {
            return errs;
        }
        for (JsonNode r : refs) {
            errs.addAll(targetRef(r == null || r.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : r));
        }
        return errs;
    }
}
