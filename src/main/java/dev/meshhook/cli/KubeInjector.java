package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.gotemplate.GoYaml;
import dev.meshhook.inject.InjectionException;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.KubeInject;

import java.util.ArrayList;
import java.util.List;

/**
 * Manual injection of a YAML stream (istioctl kube-inject, inject-spec h.1): splits the stream, lets
 * {@link KubeInject} inject each workload through the webhook's pipeline and prints injected objects the way
 * sigs.k8s.io/yaml does. Documents of other kinds pass through byte for byte. Any error aborts the whole run, so
 * callers never see half a result.
 */
public final class KubeInjector {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Output text and the warnings to print on stderr. */
    public record Result(String output, List<String> warnings) {}

    /** A document that cannot be processed; the message names the document and its first line. */
    public static final class KubeInjectException extends Exception {
        public KubeInjectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KubeInject kubeInject;

    public KubeInjector(Injector injector) {
        this.kubeInject = new KubeInject(injector);
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
                throw new KubeInjectException(where(index, doc) + "YAML does not parse: " + YamlErrors.describe(e, doc), e);
            }
            boolean empty = object == null || object.isNull() || object.isMissingNode();
            if (!empty && !object.isObject()) {
                throw new KubeInjectException(where(index, doc) + "expected a Kubernetes object (a YAML mapping with"
                        + " apiVersion and kind), got " + (object.isArray() ? "a list" : "a scalar"), null);
            }
            if (!empty && object.path("kind").asText("").isEmpty()) {
                throw new KubeInjectException(where(index, doc) + "document has no kind (expected a Kubernetes object"
                        + " with apiVersion and kind)", null);
            }
            if (empty || !KubeInject.isKnownKind(object)) {
                out.append(doc.text()).append("---\n"); // not a workload: copied verbatim, comments and all
                continue;
            }
            try {
                KubeInject.Result r = kubeInject.injectObject(object);
                r.warnings().forEach(w -> warnings.add(w.stripTrailing()));
                out.append(GoYaml.emit(r.object())).append("---\n");
            } catch (InjectionException e) {
                throw new KubeInjectException(where(index, doc) + e.getMessage(), e);
            }
        }
        return new Result(out.toString(), warnings);
    }

    private static String where(int index, YamlDocuments.Document doc) {
        return "document " + index + " (line " + doc.line() + "): ";
    }
}
