package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.kube.GoShapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Manual injection of a YAML stream (istioctl kube-inject, inject-spec h.1/h.2): finds the pod template of
 * every workload, hands it to the injection pipeline and writes the objects back in Go's shape. Documents of
 * other kinds pass through byte for byte. Any error aborts the whole run, so callers never see half a result.
 */
public final class KubeInjector {
    private static final Set<String> WORKLOADS = Set.of("Pod", "ReplicationController", "Deployment", "DaemonSet",
            "ReplicaSet", "Job", "CronJob", "StatefulSet", "DeploymentConfig");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The workload a pod template belongs to (TypeMeta and DeploymentMeta of inject-spec d.2). */
    public record Workload(String kind, String apiVersion, String name, String namespace) {}

    /** Runs the injection pipeline on one pod ({@code metadata} + {@code spec} only). */
    @FunctionalInterface
    public interface PodInjector {
        /** The injected pod, or empty when policy said not to inject. */
        Optional<ObjectNode> inject(ObjectNode pod, Workload workload, List<String> warnings) throws Exception;
    }

    /** Output text and the warnings to print on stderr. */
    public record Result(String output, List<String> warnings) {}

    /** A document that cannot be processed; {@code document} is 1-based, {@code line} where it starts. */
    public static final class KubeInjectException extends Exception {
        public KubeInjectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PodInjector injector;
    private final Function<JsonNode, String> yaml;

    /**
     * @param yaml renders one object as YAML exactly as sigs.k8s.io/yaml does (keys sorted, go-yaml v2 style)
     */
    public KubeInjector(PodInjector injector, Function<JsonNode, String> yaml) {
        this.injector = injector;
        this.yaml = yaml;
    }

    public Result run(String stream) throws KubeInjectException {
        List<YamlDocuments.Document> docs;
        try {
            docs = YamlDocuments.split(stream);
        } catch (IllegalArgumentException e) {
            throw new KubeInjectException(e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        List<String> warnings = new ArrayList<>();
        int index = 0;
        for (YamlDocuments.Document doc : docs) {
            index++;
            JsonNode object;
            try {
                object = YAML.readTree(doc.text());
            } catch (JsonProcessingException e) {
                throw new KubeInjectException(where(index, doc) + "YAML does not parse: " + e.getOriginalMessage()
                        + lineOf(e, doc), e);
            }
            if (object != null && !object.isMissingNode() && !object.isNull() && !object.isObject()) {
                throw new KubeInjectException(where(index, doc) + "expected a YAML mapping with apiVersion and kind, got "
                        + kindOfNode(object), null);
            }
            String kind = object == null ? "" : object.path("kind").asText("");
            if (!WORKLOADS.contains(kind) && !"List".equals(kind)) {
                out.append(doc.text()).append("---\n");
                continue;
            }
            try {
                JsonNode injected = injectObject((ObjectNode) object, warnings);
                out.append(yaml.apply(injected)).append("---\n");
            } catch (KubeInjectException e) {
                throw new KubeInjectException(where(index, doc) + e.getMessage(), e.getCause());
            }
        }
        return new Result(out.toString(), warnings);
    }

    private JsonNode injectObject(ObjectNode object, List<String> warnings) throws KubeInjectException {
        String kind = object.path("kind").asText("");
        if ("List".equals(kind)) {
            ObjectNode list = object.deepCopy();
            ArrayNode items = F.arrayNode();
            for (JsonNode item : object.path("items")) {
                String itemKind = item.path("kind").asText("");
                items.add(item.isObject() && WORKLOADS.contains(itemKind) || "List".equals(itemKind)
                        ? injectObject((ObjectNode) item, warnings) : item.deepCopy());
            }
            list.set("items", items);
            list.set("metadata", F.objectNode());
            return list;
        }
        ObjectNode copy = GoShapes.workload(object).orElseThrow();
        String metaPath;
        String specPath;
        switch (kind) {
            case "Pod" -> { metaPath = "/metadata"; specPath = "/spec"; }
            // upstream quirk kept: the CronJob's jobTemplate metadata is edited, not its pod template's
            case "CronJob" -> { metaPath = "/spec/jobTemplate/metadata"; specPath = "/spec/jobTemplate/spec/template/spec"; }
            default -> { metaPath = "/spec/template/metadata"; specPath = "/spec/template/spec"; }
        }
        if (("ReplicationController".equals(kind) || "DeploymentConfig".equals(kind))
                && !object.path("spec").path("template").isObject()) {
            throw new KubeInjectException("spec.template is required value", null);
        }
        ObjectNode metadata = (ObjectNode) copy.at(metaPath);
        ObjectNode spec = (ObjectNode) copy.at(specPath);
        String name = metadata.path("name").asText("");
        Workload workload = "Pod".equals(kind)
                ? new Workload("Pod", "v1", name, metadata.path("namespace").asText(""))
                : new Workload(kind, copy.path("apiVersion").asText(""), copy.path("metadata").path("name").asText(""),
                        copy.path("metadata").path("namespace").asText(""));
        if (name.isEmpty()) {
            name = workload.name();
        }
        String fullName = workload.namespace().isEmpty() ? name : workload.namespace() + "/" + name;
        String subject = ("Pod".equals(kind) ? "" : kind + " ") + "\"" + fullName + "\"";
        if (spec.path("hostNetwork").asBoolean(false)) {
            warnings.add("===> Skipping injection because " + subject + " has host networking enabled");
            return copy;
        }
        ObjectNode pod = F.objectNode();
        pod.set("metadata", metadata.deepCopy());
        pod.set("spec", spec.deepCopy());
        Optional<ObjectNode> injected;
        try {
            injected = injector.inject(pod, workload, warnings);
        } catch (Exception e) {
            throw new KubeInjectException(e.getMessage(), e);
        }
        if (injected.isEmpty()) {
            warnings.add("===> Skipping injection because " + subject + " has sidecar injection disabled");
            return copy;
        }
        ObjectNode result = GoShapes.pod(injected.get());
        replace(copy, metaPath, result.get("metadata"));
        replace(copy, specPath, result.get("spec"));
        return copy;
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = slash == 0 ? root : (ObjectNode) root.at(pointer.substring(0, slash));
        parent.set(pointer.substring(slash + 1), value);
    }

    private static String where(int index, YamlDocuments.Document doc) {
        return "document " + index + " (line " + doc.line() + "): ";
    }

    private static String lineOf(JsonProcessingException e, YamlDocuments.Document doc) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        return " at line " + (doc.line() + e.getLocation().getLineNr() - 1);
    }

    private static String kindOfNode(JsonNode node) {
        return node.isArray() ? "a list" : "a scalar";
    }
}
