package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.WorkloadSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * kube-inject per object (inject-spec h.2): finds the pod template of a workload, injects it through the same
 * pipeline as the webhook ({@link Injector#kubeInject()} mode) and writes metadata and spec back. The CLI only
 * splits/joins the document stream and emits YAML.
 */
public final class KubeInject {
    /** Kinds kube-inject understands (by kind only; apiVersion is ignored). */
    public static final Set<String> KINDS = Set.of("Pod", "ReplicationController", "Deployment", "DaemonSet",
            "ReplicaSet", "Job", "CronJob", "StatefulSet", "List", "DeploymentConfig");

    private final Injector injector;

    /** @param injector any injector; it is switched to kube-inject mode */
    public KubeInject(Injector injector) {
        this.injector = injector.kubeInject();
    }

    /**
     * The outcome for one document.
     *
     * @param object   the object to write: injected (or skipped) and in Go-JSON shape; the input unchanged when
     *                 {@code known} is false
     * @param known    false when the kind is not injectable (the CLI copies the raw document)
     * @param warnings kube-inject warnings returned to the user ({@code ===> Skipping injection because …\n})
     * @param logs     what Istio would log on the way (DNS policy, native-sidecar detection, …)
     */
    public record Result(JsonNode object, boolean known, List<String> warnings, List<String> logs) {}

    /** Whether kube-inject handles this kind. */
    public static boolean isKnownKind(JsonNode object) {
        return object != null && object.isObject() && KINDS.contains(object.path("kind").asText(""));
    }

    /** Injects one parsed document. */
    public Result injectObject(JsonNode object) throws InjectionException {
        if (!isKnownKind(object)) return new Result(object, false, List.of(), List.of());
        List<String> warnings = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        JsonNode out = inject((ObjectNode) object.deepCopy(), warnings, logs);
        return new Result(out, true, List.copyOf(warnings), List.copyOf(logs));
    }

    private JsonNode inject(ObjectNode obj, List<String> warnings, List<String> logs) throws InjectionException {
        String kind = obj.path("kind").asText();
        if (kind.equals("List")) {
            ArrayNode items = Json.F.arrayNode();
            for (JsonNode item : Json.arr(obj, "items")) {
                items.add(isKnownKind(item) ? inject((ObjectNode) item.deepCopy(), warnings, logs) : item);
            }
            ObjectNode list = Json.F.objectNode();
            list.put("apiVersion", obj.path("apiVersion").asText(""));
            list.put("kind", "List");
            list.putObject("metadata");
            list.set("items", items);
            return list;
        }
        ObjectNode metaHolder;
        ObjectNode specHolder;
        String metaField = "metadata";
        switch (kind) {
            case "Pod" -> {
                metaHolder = obj;
                specHolder = obj;
            }
            case "CronJob" -> {
                ObjectNode jobTemplate = Json.obj(Json.obj(obj, "spec"), "jobTemplate");
                metaHolder = jobTemplate;
                specHolder = Json.obj(Json.obj(jobTemplate, "spec"), "template");
            }
            case "ReplicationController", "DeploymentConfig" -> {
                JsonNode t = obj.path("spec").path("template");
                if (!t.isObject()) throw new InjectionException("spec.template is required value");
                metaHolder = (ObjectNode) t;
                specHolder = (ObjectNode) t;
            }
            default -> {
                ObjectNode t = Json.obj(Json.obj(obj, "spec"), "template");
                metaHolder = t;
                specHolder = t;
            }
        }
        ObjectNode meta = metaHolder.get(metaField) instanceof ObjectNode m ? m : Json.F.objectNode();
        ObjectNode spec = specHolder.get("spec") instanceof ObjectNode s ? s : Json.F.objectNode();
        ObjectNode raw = Json.F.objectNode();
        raw.set("metadata", meta);
        raw.set("spec", spec);
        ObjectNode pod;
        try {
            pod = PodShape.pod(raw);
        } catch (GoDecodeException e) {
            throw new InjectionException(e.getMessage());
        }

        WorkloadIdentity id = kind.equals("Pod") ? WorkloadIdentity.fromPod(pod)
                : new WorkloadIdentity(kind, obj.path("apiVersion").asText(""), Json.pathText(obj, "metadata", "name"),
                Json.pathText(obj, "metadata", "namespace"));
        String name = Json.text(meta, "name").isEmpty() ? id.name() : Json.text(meta, "name");
        String fullName = id.namespace().isEmpty() ? name : id.namespace() + "/" + name;
        String subject = (id.kind().isEmpty() ? "" : id.kind() + " ") + Json.goQuote(fullName);

        ObjectNode result;
        if (pod.path("spec").path("hostNetwork").asBoolean(false)) {
            warnings.add("===> Skipping injection because " + subject + " has host networking enabled\n");
            result = null;
        } else if (!InjectionDecision.decide(pod, "enabled", List.of(), List.of()).inject()) {
            warnings.add("===> Skipping injection because " + subject + " has sidecar injection disabled\n");
            result = null;
        } else {
            result = injector.injectPod(pod, id, new HashMap<>(), logs).injected();
        }
        if (result != null) {
            metaHolder.set(metaField, result.get("metadata"));
            specHolder.set("spec", result.get("spec"));
        }
        try {
            return PodShape.roundTrip(WorkloadSchema.forKind(kind).orElseThrow(), obj);
        } catch (GoDecodeException e) {
            throw new InjectionException(e.getMessage());
        }
    }
}
