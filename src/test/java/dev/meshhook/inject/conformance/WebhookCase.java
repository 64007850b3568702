package dev.meshhook.inject.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.inject.merge.GoDecodeException;
import dev.meshhook.inject.merge.PodShape;
import dev.meshhook.inject.merge.Quantity;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook-mode steps of ../shared/conformance/istio-inject/README.md that do not involve the injector:
 * document splitting, objectToPod, the request JSON, and the typed round-trip comparison.
 */
final class WebhookCase {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> INJECTABLE = Set.of("Deployment", "DeploymentConfig", "DaemonSet", "StatefulSet",
            "Job", "ReplicaSet", "ReplicationController", "CronJob", "Pod");

    private WebhookCase() {}

    /** One injectable document: the pod built by objectToPod and the request namespace. */
    record Doc(ObjectNode pod, String namespace) {}

    /** README step 1: plain split on "\n---", YAML per piece, List items recursively. */
    static List<Doc> injectableDocs(String text) throws Exception {
        List<Doc> out = new ArrayList<>();
        for (String piece : text.split("\n---", -1)) {
            JsonNode n = YAML.readTree(piece);
            if (n != null) collect(n, out);
        }
        return out;
    }

    private static void collect(JsonNode n, List<Doc> out) {
        if (n == null || !n.isObject()) return;
        String kind = n.path("kind").asText("");
        if (kind.equals("List")) {
            for (JsonNode item : n.path("items")) collect(item, out);
        } else if (INJECTABLE.contains(kind)) {
            out.add(new Doc(objectToPod((ObjectNode) n), n.path("metadata").path("namespace").asText("")));
        }
    }

    /** README step 2. */
    static ObjectNode objectToPod(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        if (kind.equals("Pod")) return doc.deepCopy();
        String name = doc.path("metadata").path("name").asText("");
        JsonNode template = kind.equals("CronJob")
                ? doc.path("spec").path("jobTemplate").path("spec").path("template")
                : doc.path("spec").path("template");
        ObjectNode meta = template.path("metadata").isObject() ? ((ObjectNode) template.path("metadata")).deepCopy() : F.objectNode();
        ArrayNode owners = F.arrayNode();
        ObjectNode ref = owners.addObject();
        if (kind.equals("Deployment")) {
            meta.put("generateName", name + "-fake-");
            (meta.path("labels").isObject() ? (ObjectNode) meta.get("labels") : meta.putObject("labels")).put("pod-template-hash", "fake");
            ref.put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", name + "-fake").put("controller", true);
        } else {
            meta.put("generateName", name);
            ref.put("apiVersion", doc.path("apiVersion").asText("")).put("kind", kind).put("name", name).put("controller", true);
        }
        meta.set("ownerReferences", owners);
        ObjectNode pod = F.objectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.set("metadata", meta);
        pod.set("spec", template.path("spec").isObject() ? template.get("spec").deepCopy() : F.objectNode());
        return pod;
    }

    /** README step 3: the pod as the Go types serialize it. */
    static ObjectNode requestObject(ObjectNode pod) throws GoDecodeException {
        return PodShape.pod(pod);
    }

    /** README steps 6 and 7: comparable form of a pod (typed round trip, drops, canonical quantities, pruning). */
    static JsonNode normalise(JsonNode podJson, boolean isResult) throws Exception {
        Pod typed = JSON.treeToValue(podJson, Pod.class);
        JsonNode n = JSON.valueToTree(typed);
        ObjectNode ann = n.path("metadata").path("annotations") instanceof ObjectNode a ? a : null;
        if (ann != null) ann.remove("sidecar.istio.io/status");
        if (isResult) {
            for (JsonNode c : n.path("spec").path("containers")) {
                for (JsonNode env : c.path("env")) {
                    JsonNode fr = env.path("valueFrom").path("fieldRef");
                    if (fr instanceof ObjectNode o) o.remove("apiVersion");
                }
            }
        }
        canonicalQuantities(n, null);
        return prune(n);
    }

    private static void canonicalQuantities(JsonNode n, String key) {
        if (n instanceof ObjectNode o) {
            boolean quantityMap = "limits".equals(key) || "requests".equals(key) || "overhead".equals(key);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                boolean quantity = quantityMap || e.getKey().equals("sizeLimit") || e.getKey().equals("divisor");
                if (quantity && (v.isTextual() || v.isNumber())) {
                    e.setValue(F.textNode(canonical(v.asText())));
                } else if (quantity && v.isObject() && v.has("amount")) {
                    String q = v.path("amount").asText() + v.path("format").asText("");
                    e.setValue(F.textNode(canonical(q)));
                } else {
                    canonicalQuantities(v, e.getKey());
                }
            }
        } else if (n instanceof ArrayNode a) {
            for (JsonNode x : a) canonicalQuantities(x, key);
        }
    }

    private static String canonical(String q) {
        try {
            return Quantity.canonical(q);
        } catch (IllegalArgumentException e) {
            return q;
        }
    }

    /** Removes nulls and empty objects/arrays/strings (Go's omitempty view); keeps 0 and false. */
    static JsonNode prune(JsonNode n) {
        if (n instanceof ObjectNode o) {
            ObjectNode out = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = prune(e.getValue());
                if (!isEmpty(v)) out.set(e.getKey(), v);
            }
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = F.arrayNode();
            for (JsonNode x : a) {
                JsonNode v = prune(x);
                out.add(v == null ? F.objectNode() : v);
            }
            return out;
        }
        return n;
    }

    private static boolean isEmpty(JsonNode v) {
        return v == null || v.isNull() || (v.isContainerNode() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty());
    }
}
