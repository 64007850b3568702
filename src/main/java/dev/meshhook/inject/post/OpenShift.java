package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.Pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** f.9 OpenShift specifics (webhook with {@code PLATFORM=openshift}) and d.1 step 5 proxy UID/GID. */
public final class OpenShift {

    public static final String UID_RANGE = "openshift.io/sa.scc.uid-range";
    public static final String SUPPLEMENTAL_GROUPS = "openshift.io/sa.scc.supplemental-groups";
    public static final long DEFAULT_ID = 1337;

    private OpenShift() {
    }

    /** Proxy {uid, gid} from the namespace annotations (null namespace -> 1337/1337). */
    public static long[] proxyIds(Map<String, String> namespaceAnnotations) {
        long uid = DEFAULT_ID;
        long gid = DEFAULT_ID;
        if (namespaceAnnotations == null) {
            return new long[] {uid, gid};
        }
        String uidRange = namespaceAnnotations.get(UID_RANGE);
        Long u = uidRange == null ? null : blockMax(uidRange);
        if (u != null) {
            uid = u;
        }
        String groups = namespaceAnnotations.get(SUPPLEMENTAL_GROUPS);
        if (groups == null) {
            groups = uidRange;
        }
        if (groups != null) {
            Long g = blockMax(groups.split(",", -1)[0]);
            if (g != null) {
                gid = g;
            }
        }
        return new long[] {uid, gid};
    }

    /** Max id of a block {@code start/size} or {@code start-end}; null when unparsable. */
    static Long blockMax(String block) {
        String b = block.strip();
        try {
            int slash = b.indexOf('/');
            if (slash >= 0) {
                long start = Long.parseLong(b.substring(0, slash));
                long size = Long.parseLong(b.substring(slash + 1));
                return size <= 0 ? null : start + size - 1;
            }
            int dash = b.indexOf('-');
            if (dash >= 0) {
                long start = Long.parseLong(b.substring(0, dash));
                long end = Long.parseLong(b.substring(dash + 1));
                return end < start ? null : end;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /**
     * Before the diff snapshot: clears runAsUser and runAsGroup of a user-supplied {@code istio-proxy} whose user
     * equals the application user (unset counts as 0). Returns the log line, or null when nothing changed.
     */
    public static String resetProxyUserMatchingApp(ObjectNode pod) {
        ObjectNode proxy = Pods.findSidecar(pod);
        if (proxy == null || !(proxy.get("securityContext") instanceof ObjectNode sc)) {
            return null;
        }
        long sidecarUser = 0;
        long appUser = 0;
        List<JsonNode> all = new ArrayList<>();
        Pods.containers(pod).forEach(all::add);
        Pods.initContainers(pod).forEach(all::add);
        for (JsonNode c : all) {
            String name = c.path("name").asText("");
            JsonNode user = c.path("securityContext").get("runAsUser");
            if (name.equals(Pods.PROXY)) {
                if (user != null && user.isNumber()) {
                    sidecarUser = user.asLong();
                }
            } else if (!name.equals(Pods.VALIDATION) && !name.equals(Pods.INIT)) {
                if (user != null && user.isNumber()) {
                    appUser = user.asLong();
                }
            }
        }
        if (sidecarUser != appUser) {
            return null;
        }
        sc.remove("runAsUser");
        sc.remove("runAsGroup");
        return "Resetting the UserID of sideCar proxy as it matches with the app container for Pod \""
                + pod.path("metadata").path("name").asText("") + "\"";
    }
}
