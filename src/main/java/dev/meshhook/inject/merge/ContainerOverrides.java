package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashSet;
import java.util.Set;

/**
 * User-declared {@code istio-proxy} / {@code istio-init} / {@code istio-validation} (or any container a template
 * touches) win over the template: Istio's {@code reapplyOverwrittenContainers} plus
 * {@code adjustInitContainerUser} (inject-spec e.6, j.3, j.17-j.19).
 */
public final class ContainerOverrides {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String AUTO_IMAGE = "auto";

    /** Go type of {@code proxy.istio.io/overrides} ({@code ParsedContainers}). */
    static final GoType PARSED_CONTAINERS = GoType.struct("inject.ParsedContainers")
            .field("containers", GoType.list(PodSchema.CONTAINER), "o")
            .field("initContainers", GoType.list(PodSchema.CONTAINER), "o");

    private ContainerOverrides() {
    }

    /** The containers/initContainers of a {@code proxy.istio.io/overrides} value, Go-shaped. */
    public record Parsed(ArrayNode containers, ArrayNode initContainers) {}

    /**
     * Parses a {@code proxy.istio.io/overrides} annotation value ({@code json.Unmarshal} into ParsedContainers).
     *
     * @throws GoDecodeException with Go's JSON error text
     */
    public static Parsed parse(String annotation) throws GoDecodeException {
        JsonNode raw = GoJsonParse.parse(annotation);
        JsonNode v = PodShape.roundTrip(PARSED_CONTAINERS, raw);
        return new Parsed(v.get("containers") instanceof ArrayNode a ? a : F.arrayNode(),
                v.get("initContainers") instanceof ArrayNode b ? b : F.arrayNode());
    }

    /**
     * e.6 on the result of rendering. Returns a new Go-shaped merged pod, or {@code merged} itself when there
     * is nothing to re-apply; inputs are not modified.
     *
     * @param merged                  merged pod after all templates (Go-shaped)
     * @param original                the original pod as received (before stripping)
     * @param template                all templates merged onto an empty pod
     * @param proxyInterceptionMode   effective ProxyConfig interception mode name ({@code REDIRECT},
     *                                {@code TPROXY}, {@code NONE}); decides {@code adjustInitContainerUser}
     * @throws PodMergeException message without the outer {@code failed to re apply container: } prefix
     */
    public static ObjectNode reapply(ObjectNode merged, JsonNode original, JsonNode template,
                                     String proxyInterceptionMode) throws PodMergeException {
        Parsed existing = new Parsed(F.arrayNode(), F.arrayNode());
        String overridesText = Pods.annotation(original, Pods.OVERRIDES_ANNOTATION);
        if (overridesText != null) {
            try {
                existing = parse(overridesText);
            } catch (GoDecodeException e) {
                throw new PodMergeException(e.getMessage());
            }
        }
        String status = Pods.annotation(original, Pods.STATUS_ANNOTATION);
        boolean alreadyInjected = status != null;
        Set<String> statusContainers = new HashSet<>();
        Set<String> statusInit = new HashSet<>();
        if (alreadyInjected) {
            parseStatus(status, statusContainers, statusInit);
        }

        ObjectNode result = merged;
        ArrayNode recordedContainers = F.arrayNode();
        ArrayNode recordedInit = F.arrayNode();
        for (JsonNode c : Pods.containers(template)) {
            String name = c.path("name").asText("");
            if (statusContainers.contains(name)) {
                continue;
            }
            ObjectNode match = Pods.find(existing.containers(), name);
            if (match == null) {
                match = Pods.find(Pods.containers(original), name);
            }
            if (match == null) {
                continue;
            }
            ObjectNode overlay = overlayContainer(match);
            recordedContainers.add(overlay);
            ObjectNode pod = F.objectNode();
            pod.putObject("metadata");
            pod.putObject("spec").putArray("containers").add(overlay.deepCopy());
            pod.putObject("status");
            try {
                result = StrategicMerge.apply(result, pod);
            } catch (PodMergeException e) {
                throw new PodMergeException("failed to apply sidecar container: " + e.getMessage());
            }
        }
        for (JsonNode c : Pods.initContainers(template)) {
            String name = c.path("name").asText("");
            if (statusInit.contains(name)) {
                continue;
            }
            ObjectNode match = Pods.find(existing.initContainers(), name);
            if (match == null) {
                match = Pods.findAnywhere(original, name);
            }
            if (match == null) {
                continue;
            }
            ObjectNode overlay = overlayContainer(match);
            recordedInit.add(overlay);
            ObjectNode pod = F.objectNode();
            pod.putObject("metadata");
            ObjectNode spec = pod.putObject("spec");
            spec.putArray("initContainers").add(overlay.deepCopy());
            spec.putArray("containers");
            pod.putObject("status");
            try {
                result = StrategicMerge.apply(result, pod);
            } catch (PodMergeException e) {
                throw new PodMergeException("failed to apply sidecar init container: " + e.getMessage());
            }
        }
        boolean record = !alreadyInjected && (!recordedContainers.isEmpty() || !recordedInit.isEmpty());
        if (result == merged) {
            // nothing to re-apply (the usual case): the merged pod is already Go-shaped, no copy or round trip
            if (!record && !adjustsUser(original)) {
                return merged;
            }
            result = merged.deepCopy();
        }
        if (record) {
            ObjectNode parsed = F.objectNode();
            if (!recordedContainers.isEmpty()) {
                parsed.set("containers", recordedContainers);
            }
            if (!recordedInit.isEmpty()) {
                parsed.set("initContainers", recordedInit);
            }
            Pods.annotations(result).put(Pods.OVERRIDES_ANNOTATION, GoJson.write(parsed));
        }
        adjustInitContainerUser(result, original, proxyInterceptionMode);
        try {
            return PodShape.pod(result);
        } catch (GoDecodeException e) {
            throw new PodMergeException(e.getMessage());
        }
    }

    /** A Go-shaped copy of the user container; {@code image: auto} means "keep the injected image". */
    private static ObjectNode overlayContainer(ObjectNode match) throws PodMergeException {
        ObjectNode copy;
        try {
            copy = PodShape.container(match);
        } catch (GoDecodeException e) {
            throw new PodMergeException(e.getMessage());
        }
        if (AUTO_IMAGE.equals(copy.path("image").asText(null))) {
            copy.remove("image");
        }
        return copy;
    }

    /** Container names listed in a status annotation; unparsable JSON counts as empty (Istio logs it). */
    static void parseStatus(String status, Set<String> containers, Set<String> initContainers) {
        JsonNode s;
        try {
            s = GoJsonParse.parse(status);
        } catch (GoDecodeException e) {
            return;
        }
        if (!s.isObject()) {
            return;
        }
        for (JsonNode n : s.path("containers")) {
            if (n.isTextual()) {
                containers.add(n.textValue());
            }
        }
        for (JsonNode n : s.path("initContainers")) {
            if (n.isTextual()) {
                initContainers.add(n.textValue());
            }
        }
    }

    /** Whether {@link #adjustInitContainerUser} can change anything: the user's proxy sets runAsUser/Group. */
    private static boolean adjustsUser(JsonNode original) {
        ObjectNode user = Pods.findSidecar(original);
        JsonNode sc = user == null ? null : user.get("securityContext");
        return sc != null && sc.isObject() && (sc.path("runAsUser").isNumber() || sc.path("runAsGroup").isNumber());
    }

    /** Aligns iptables {@code -u} and the validation container's user with a user-set proxy runAsUser/Group. */
    static void adjustInitContainerUser(ObjectNode merged, JsonNode original, String proxyInterceptionMode) {
        ObjectNode user = Pods.findSidecar(original);
        if (user == null) {
            return;
        }
        JsonNode sc = user.get("securityContext");
        if (sc == null || !sc.isObject()) {
            return;
        }
        JsonNode runAsUser = sc.get("runAsUser");
        JsonNode runAsGroup = sc.get("runAsGroup");
        boolean hasUser = runAsUser != null && runAsUser.isNumber();
        boolean hasGroup = runAsGroup != null && runAsGroup.isNumber();
        if (!hasUser && !hasGroup) {
            return;
        }
        ArrayNode inits = Pods.initContainers(merged);
        ObjectNode init = Pods.find(inits, Pods.INIT);
        if (init == null) {
            init = Pods.find(inits, Pods.VALIDATION);
        }
        if (init == null) {
            return;
        }
        boolean tproxy = "TPROXY".equals(proxyInterceptionMode)
                || "TPROXY".equals(Pods.annotation(merged, "sidecar.istio.io/interceptionMode"));
        if (tproxy && hasUser) {
            ObjectNode sidecar = Pods.findSidecar(merged);
            if (sidecar != null) {
                securityContext(sidecar).put("runAsUser", 0L);
            }
        }
        if (!tproxy && Pods.VALIDATION.equals(init.path("name").asText())) {
            ObjectNode isc = securityContext(init);
            if (hasUser) {
                isc.set("runAsUser", runAsUser.deepCopy());
            }
            if (hasGroup) {
                isc.set("runAsGroup", runAsGroup.deepCopy());
            }
        }
        if (!hasUser || runAsUser.asLong() == 0) {
            return;
        }
        JsonNode args = init.get("args");
        if (args instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if ("-u".equals(a.get(i).asText(null))) {
                    if (i + 1 < a.size()) {
                        a.set(i + 1, TextNode.valueOf(Long.toString(runAsUser.asLong())));
                    }
                    return;
                }
            }
        }
    }

    private static ObjectNode securityContext(ObjectNode container) {
        return container.get("securityContext") instanceof ObjectNode s ? s : container.putObject("securityContext");
    }
}
