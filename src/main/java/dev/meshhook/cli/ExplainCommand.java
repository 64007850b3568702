package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.KubeInject;
import io.fabric8.zjsonpatch.JsonPatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code meshhook explain}: for each pod-bearing document, whether the webhook would inject it and which rule
 * decided, which templates apply, and what injection adds. Beyond istioctl: it answers "why was my pod (not)
 * injected?" without a cluster.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain, for each workload in the input, whether the webhook injects it and why, which"
                + " templates apply, and what injection adds (containers, volumes, labels, annotations, probes)."})
public final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|-", description = "Input file, or -.")
    String file;

    @Option(names = "--namespace-labels", paramLabel = "k=v,...", description = "Labels of the pods' namespace;"
            + " with them, explain also says which webhook entry (if any) routes the pod to the injector.")
    String namespaceLabels;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace for documents that name none (default: default).")
    String namespace;

    @Mixin
    InjectorOptions injectorOptions;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public ExplainCommand() {
        this(Terminal.system());
    }

    ExplainCommand(Terminal terminal) {
        this.in = terminal.in();
        this.out = terminal.out();
        this.err = terminal.err();
        this.environment = terminal.environment();
    }

    @Override
    public Integer call() {
        String text;
        Injector injector;
        Optional<Map<String, String>> nsLabels;
        try {
            text = InputFiles.read(List.of(file), in, false).get(0).text();
            injector = injectorOptions.injector("default", environment);
            nsLabels = namespaceLabels == null ? Optional.empty() : Optional.of(parseLabels(namespaceLabels));
        } catch (InputFiles.UnusableInput | InjectorOptions.BadConfig | IllegalArgumentException e) {
            err.println("meshhook explain: " + e.getMessage());
            return 2;
        }
        StringBuilder report = new StringBuilder();
        int index = 0;
        try {
            for (YamlDocuments.Document doc : YamlDocuments.split(text)) {
                index++;
                JsonNode object;
                try {
                    object = YAML.readTree(doc.text());
                } catch (JsonProcessingException e) {
                    err.println("meshhook explain: document " + index + " is not valid YAML: " + YamlErrors.describe(e, doc));
                    return 2;
                }
                if (object == null || object.isNull() || object.isMissingNode()) {
                    continue;
                }
                if (!object.isObject() || object.path("kind").asText("").isEmpty()) {
                    err.println("meshhook explain: document " + index + " (line " + doc.line() + ") has no kind");
                    return 2;
                }
                List<JsonNode> objects = new ArrayList<>();
                if ("List".equals(object.path("kind").asText())) {
                    object.path("items").forEach(objects::add);
                } else {
                    objects.add(object);
                }
                for (JsonNode o : objects) {
                    if (KubeInject.isKnownKind(o)) {
                        explain(injector, o, "document " + index + ", line " + doc.line(), nsLabels, report);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("meshhook explain: " + e.getMessage());
            return 2;
        }
        out.print(report);
        return 0;
    }

    private void explain(Injector injector, JsonNode object, String where, Optional<Map<String, String>> nsLabels,
                         StringBuilder r) {
        String kind = object.path("kind").asText();
        String ns = object.path("metadata").path("namespace").asText("");
        if (ns.isEmpty()) {
            ns = namespace == null ? "default" : namespace;
        }
        ObjectNode pod = podOf(object);
        String name = object.path("metadata").path("name").asText("");
        r.append(kind).append(' ').append(ns).append('/').append(name).append(" (").append(where).append(")\n");

        Map<String, String> podLabels = strings(pod.path("metadata").path("labels"));
        if (nsLabels.isPresent()) {
            boolean byDefault = injector.values().tree().path("sidecarInjectorWebhook")
                    .path("enableNamespacesByDefault").asBoolean(false);
            Optional<String> route = WebhookRouting.route(injector.revision(), byDefault, ns, nsLabels.get(), podLabels);
            if (route.isEmpty()) {
                r.append("  webhook:         not called — no webhook entry selects this pod: ")
                        .append(WebhookRouting.whyNot(injector.revision(), nsLabels.get(), podLabels)).append("\n\n");
                return;
            }
            r.append("  webhook:         ").append(route.get()).append('\n');
        } else {
            r.append("  webhook:         routing not checked (give --namespace-labels to check the webhook selectors)\n");
        }
        Injector.Explanation e = injector.explain(pod, ns);
        r.append("  decision:        ").append(e.inject() ? "inject" : "skip").append(" — ").append(e.reason()).append('\n');
        e.warnings().forEach(w -> r.append("  warning:         ").append(w).append('\n'));
        if (!e.inject()) {
            r.append('\n');
            return;
        }
        r.append("  templates:       ").append(String.join(", ", e.templates()));
        if (!e.missingTemplates().isEmpty()) {
            r.append(" (missing: ").append(String.join(", ", e.missingTemplates())).append(')');
        }
        r.append('\n');
        InjectionOutcome outcome = injector.inject(new InjectionRequest(pod.deepCopy(), ns, "/inject"));
        if (outcome instanceof InjectionOutcome.Failed f) {
            r.append("  result:          injection fails, the pod would be rejected: ").append(f.message()).append("\n\n");
            return;
        }
        if (!(outcome instanceof InjectionOutcome.Injected injected)) {
            r.append('\n');
            return;
        }
        injected.warnings().forEach(w -> r.append("  warning:         ").append(w).append('\n'));
        JsonNode after = JsonPatch.apply(injected.patch(), pod);
        summarise(pod, after, r);
        r.append('\n');
    }

    /** The pod the API server would send for this workload's template. */
    private static ObjectNode podOf(JsonNode object) {
        String kind = object.path("kind").asText();
        if ("Pod".equals(kind)) {
            ObjectNode pod = object.deepCopy();
            pod.with("metadata").remove("managedFields");
            return pod;
        }
        JsonNode template = "CronJob".equals(kind) ? object.path("spec").path("jobTemplate").path("spec").path("template")
                : object.path("spec").path("template");
        ObjectNode pod = F.objectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = template.path("metadata").isObject() ? template.path("metadata").deepCopy() : F.objectNode();
        String name = object.path("metadata").path("name").asText("");
        meta.put("generateName", name + "-");
        ArrayNode owners = meta.putArray("ownerReferences");
        ObjectNode owner = owners.addObject();
        owner.put("apiVersion", object.path("apiVersion").asText(""));
        owner.put("kind", kind);
        owner.put("name", name);
        owner.put("controller", true);
        pod.set("metadata", meta);
        pod.set("spec", template.path("spec").isObject() ? template.path("spec").deepCopy() : F.objectNode());
        return pod;
    }

    private static void summarise(JsonNode before, JsonNode after, StringBuilder r) {
        line(r, "init containers", added(before.at("/spec/initContainers"), after.at("/spec/initContainers"), true));
        line(r, "containers", added(before.at("/spec/containers"), after.at("/spec/containers"), false));
        line(r, "volumes", added(before.at("/spec/volumes"), after.at("/spec/volumes"), false));
        line(r, "pull secrets", added(before.at("/spec/imagePullSecrets"), after.at("/spec/imagePullSecrets"), false));
        line(r, "labels", changedKeys(before.at("/metadata/labels"), after.at("/metadata/labels")));
        line(r, "annotations", changedKeys(before.at("/metadata/annotations"), after.at("/metadata/annotations")));
        List<String> probes = new ArrayList<>();
        Map<String, JsonNode> beforeByName = byName(before.at("/spec/containers"));
        for (JsonNode c : after.at("/spec/containers")) {
            JsonNode old = beforeByName.get(c.path("name").asText());
            if (old == null) {
                continue;
            }
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                if (old.has(probe) && !old.path(probe).equals(c.path(probe))) {
                    probes.add(c.path("name").asText() + " " + probe + ": " + describeProbe(old.path(probe)) + " -> "
                            + describeProbe(c.path(probe)));
                }
            }
        }
        if (probes.isEmpty()) {
            r.append("  probes:          none rewritten\n");
        } else {
            r.append("  probes:          rewritten to the sidecar's status port:\n");
            probes.forEach(p -> r.append("                   ").append(p).append('\n'));
        }
    }

    private static void line(StringBuilder r, String what, List<String> items) {
        r.append(String.format("  %-17s %s%n", what + ":",
                items.isEmpty() ? "-" : "+ " + String.join(", ", items)));
    }

    private static List<String> added(JsonNode before, JsonNode after, boolean markNative) {
        Map<String, JsonNode> old = byName(before);
        List<String> names = new ArrayList<>();
        for (JsonNode n : after) {
            String name = n.path("name").asText();
            if (!old.containsKey(name)) {
                boolean native_ = markNative && "Always".equals(n.path("restartPolicy").asText());
                names.add(name + (native_ ? " (native sidecar)" : ""));
            }
        }
        return names;
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode n : list) {
            m.put(n.path("name").asText(), n);
        }
        return m;
    }

    private static List<String> changedKeys(JsonNode before, JsonNode after) {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = after.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!before.has(e.getKey())) {
                keys.add(e.getKey());
            } else if (!before.get(e.getKey()).equals(e.getValue())) {
                keys.add(e.getKey() + " (changed)");
            }
        }
        return keys;
    }

    private static String describeProbe(JsonNode p) {
        if (p.has("httpGet")) {
            return "httpGet " + p.at("/httpGet/path").asText("/") + " port " + p.at("/httpGet/port").asText();
        }
        if (p.has("tcpSocket")) {
            return "tcpSocket port " + p.at("/tcpSocket/port").asText();
        }
        if (p.has("grpc")) {
            return "grpc port " + p.at("/grpc/port").asText();
        }
        return p.has("exec") ? "exec" : p.toString();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> m = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--namespace-labels: expected key=value, got \"" + part.trim() + "\"");
            }
            labels.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return labels;
    }
}
