package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kubernetes {@code metav1.LabelSelector} as used by {@code neverInjectSelector}/{@code alwaysInjectSelector}
 * (inject-spec b.4, b.5). Conversion problems are kept (not thrown) because Istio logs and skips such a selector.
 */
public final class LabelSelector {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    private record Requirement(String key, String op, List<String> values) {}

    private final List<Requirement> requirements;
    private final String error;
    private final String source;

    private LabelSelector(List<Requirement> requirements, String error, String source) {
        this.requirements = requirements;
        this.error = error;
        this.source = source;
    }

    /** Builds a selector from its JSON form; never throws, see {@link #error()}. */
    public static LabelSelector fromJson(JsonNode n) {
        String src = n == null ? "null" : n.toString();
        List<Requirement> reqs = new ArrayList<>();
        if (n == null || n.isNull()) return new LabelSelector(reqs, null, src);
        if (!n.isObject()) return new LabelSelector(reqs, "selector is not an object: " + src, src);
        JsonNode ml = n.get("matchLabels");
        if (ml != null && ml.isObject()) {
            for (Map.Entry<String, String> e : Json.stringMap(ml).entrySet()) {
                String err = checkKey(e.getKey());
                if (err == null) err = checkValue(e.getValue());
                if (err != null) return new LabelSelector(List.of(), err, src);
                reqs.add(new Requirement(e.getKey(), "In", List.of(e.getValue())));
            }
        }
        JsonNode me = n.get("matchExpressions");
        if (me != null && me.isArray()) {
            for (JsonNode ex : me) {
                String key = Json.text(ex, "key");
                String op = Json.text(ex, "operator");
                List<String> values = new ArrayList<>();
                JsonNode vs = ex.get("values");
                if (vs != null && vs.isArray()) vs.forEach(v -> values.add(v.asText()));
                String err = checkKey(key);
                if (err == null) {
                    switch (op) {
                        case "In", "NotIn" -> {
                            if (values.isEmpty()) err = "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty";
                        }
                        case "Exists", "DoesNotExist" -> {
                            if (!values.isEmpty()) err = "values: Invalid value: " + values + ": values set must be empty for exists and does not exist";
                        }
                        default -> err = Json.goQuote(op) + " is not a valid label selector operator";
                    }
                }
                if (err == null) for (String v : values) if ((err = checkValue(v)) != null) break;
                if (err != null) return new LabelSelector(List.of(), err, src);
                reqs.add(new Requirement(key, op, List.copyOf(values)));
            }
        }
        return new LabelSelector(List.copyOf(reqs), null, src);
    }

    private static String checkKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches())
                return "key: Invalid value: " + Json.goQuote(key) + ": prefix part must be a valid DNS subdomain";
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches())
            return "key: Invalid value: " + Json.goQuote(key)
                    + ": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }

    private static String checkValue(String v) {
        if (v.length() > 63 || !VALUE.matcher(v).matches())
            return "values[0]: Invalid value: " + Json.goQuote(v)
                    + ": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }

    /** Why this selector could not be converted, or null when it is usable. */
    public String error() {
        return error;
    }

    /** True when the selector has no requirements; Istio never lets such a selector match. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** Label-set match with Kubernetes semantics (all requirements must hold). */
    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            boolean has = labels.containsKey(r.key());
            String v = labels.get(r.key());
            boolean ok = switch (r.op()) {
                case "In" -> has && r.values().contains(v);
                case "NotIn" -> !has || !r.values().contains(v);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
