package dev.meshhook.inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Path-encoded proxy environment overrides of the webhook URL (inject-spec a.5, {@code parseInjectEnvs}). */
final class PathEnv {
    private PathEnv() {}

    /** Parses the URL path; warnings (odd entry count) are appended to {@code warnings}. */
    static Map<String, String> parse(String path, List<String> warnings) {
        Map<String, String> out = new LinkedHashMap<>();
        if (path == null || path.isEmpty()) return out;
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] parts = p.split("/", 3);
        if (parts.length < 3) return out;
        String rest = parts[2];
        List<String> kv = new ArrayList<>();
        if (rest.startsWith(":ENV:")) {
            String[] pieces = rest.split(":ENV:", -1);
            for (int i = 1; i < pieces.length; i++) {
                int eq = pieces[i].indexOf('=');
                if (eq <= 0) continue;
                kv.add(pieces[i].substring(0, eq));
                kv.add(pieces[i].substring(eq + 1));
            }
        } else {
            String[] pieces = rest.split("/", -1);
            for (int i = 0; i < pieces.length; i++) kv.add(i % 2 == 1 ? pieces[i].replace("--slash--", "/") : pieces[i]);
        }
        for (int i = 0; i < kv.size(); i += 2) {
            if (i + 1 >= kv.size()) {
                warnings.add("Odd number of inject env entries, ignore the last key " + kv.get(i) + "\n");
                break;
            }
            String k = kv.get(i);
            String name = switch (k) {
                case "cluster" -> "ISTIO_META_CLUSTER_ID";
                case "net" -> "ISTIO_META_NETWORK";
                default -> k.toUpperCase(Locale.ROOT);
            };
            if (name.isEmpty()) continue;
            out.put(name, kv.get(i + 1));
        }
        return out;
    }
}
