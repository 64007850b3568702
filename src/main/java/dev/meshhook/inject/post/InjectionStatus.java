package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshhook.inject.merge.GoJson;

/** f.6 the {@code sidecar.istio.io/status} annotation value, from the template pod (all templates on an empty pod). */
public final class InjectionStatus {

    private InjectionStatus() {
    }

    /**
     * Go-JSON of {@code {"initContainers","containers","volumes","imagePullSecrets","revision"}}: name lists in
     * template-pod order, {@code null} for an empty list, revision {@code default} when empty.
     */
    public static String of(JsonNode templatePod, String revision) {
        JsonNode spec = templatePod == null ? null : templatePod.path("spec");
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"initContainers\":");
        names(spec, "initContainers", sb);
        sb.append(",\"containers\":");
        names(spec, "containers", sb);
        sb.append(",\"volumes\":");
        names(spec, "volumes", sb);
        sb.append(",\"imagePullSecrets\":");
        names(spec, "imagePullSecrets", sb);
        sb.append(",\"revision\":").append(GoJson.quote(revision == null || revision.isEmpty() ? "default" : revision));
        return sb.append('}').toString();
    }

    private static void names(JsonNode spec, String field, StringBuilder sb) {
        JsonNode list = spec == null ? null : spec.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            sb.append("null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            sb.append(i > 0 ? "," : "").append(GoJson.quote(list.get(i).path("name").asText("")));
        }
        sb.append(']');
    }
}
