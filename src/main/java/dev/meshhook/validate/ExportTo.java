package dev.meshhook.validate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code validateExportTo} (§2.1.4). */
public final class ExportTo {
    private ExportTo() {}

    public static void validate(String namespace, List<String> exportTo, boolean isServiceEntry,
                                boolean isDestinationRuleWithSelector, Findings f) {
        if (exportTo.isEmpty()) {
            return;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String e : exportTo) {
            String key = e.equals(".") ? namespace : e;
            if (set.contains(key)) {
                if (!key.equals(e)) {
                    f.error("duplicate entries in exportTo: . and current namespace " + namespace);
                } else {
                    f.error("duplicate entries in exportTo for entry " + e);
                }
            } else if (isServiceEntry && e.equals("~")) {
                set.add(key);
            } else {
                String err = visibilityError(key);
                if (err != null) {
                    f.error(err);
                } else {
                    set.add(key);
                }
            }
        }
        if (isDestinationRuleWithSelector && !set.isEmpty()) {
            if (set.contains(namespace)) {
                if (set.size() > 1) {
                    f.error("destination rule with workload selector cannot have multiple entries in exportTo");
                }
            } else {
                f.error("destination rule with workload selector cannot have exportTo beyond current namespace");
            }
        }
        if (set.contains("*") && exportTo.size() > 1) {
            f.error("cannot have both public (*) and non-public exportTo values for a resource");
        }
        if (set.contains("~") && exportTo.size() > 1) {
            f.error("cannot export service entry to no one (~) and someone");
        }
    }

    private static String visibilityError(String v) {
        switch (v) {
            case ".":
            case "*":
                return null;
            case "~":
                return "exportTo ~ (none) is not allowed for Istio configuration objects";
            default:
                return Hosts.isDnsLabel(v) ? null : "only .,*, or a valid DNS 1123 label is allowed as exportTo entry";
        }
    }
}
