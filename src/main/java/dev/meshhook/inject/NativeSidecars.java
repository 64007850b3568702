package dev.meshhook.inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code .NativeSidecars} decision (inject-spec f.8): feature flag, then kubelet versions of the nodes. */
final class NativeSidecars {
    static final int MIN_MINOR = 33;
    /** hashicorp/go-version's accepted syntax (leading v, pre-release and metadata suffixes). */
    private static final Pattern VERSION = Pattern.compile(
            "^v?([0-9]+(\\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?$");

    private NativeSidecars() {}

    /**
     * @param flag     ENABLE_NATIVE_SIDECARS
     * @param nodeName the pod's {@code spec.nodeName}, or ""
     */
    static boolean decide(String flag, ClusterFacts facts, String clusterId, String nodeName, List<String> warnings) {
        switch (flag) {
            case "true":
                return true;
            case "false":
                return false;
            case "auto":
                break;
            default:
                warnings.add("unknown value " + Json.goQuote(flag) + " for ENABLE_NATIVE_SIDECARS; native sidecars disabled");
                return false;
        }
        Optional<Map<String, String>> nodes = facts.kubeletVersions(clusterId);
        if (nodes.isEmpty()) {
            warnings.add("configured to auto detect native sidecar support, but couldn't find a client");
            return false;
        }
        Map<String, String> versions = nodes.get();
        if (!nodeName.isEmpty()) {
            String v = versions.get(nodeName);
            if (v != null) return qualifies(nodeName, v, warnings);
            warnings.add("pod assigned to node \"" + nodeName + "\" but node not found in cluster");
        }
        for (Map.Entry<String, String> e : versions.entrySet())
            if (!qualifies(e.getKey(), e.getValue(), warnings)) return false;
        return true;
    }

    static boolean qualifies(String node, String version, List<String> warnings) {
        Matcher m = VERSION.matcher(version == null ? "" : version.trim());
        if (!m.matches()) {
            warnings.add("could not read node version for " + node + " " + version + ": Malformed version: " + version);
            return false;
        }
        String[] segs = m.group(1).split("\\.");
        long minor;
        try {
            minor = segs.length > 1 ? Long.parseLong(segs[1]) : 0;
        } catch (NumberFormatException ex) {
            warnings.add("could not read node version for " + node + " " + version + ": " + ex.getMessage());
            return false;
        }
        return minor >= MIN_MINOR;
    }
}
