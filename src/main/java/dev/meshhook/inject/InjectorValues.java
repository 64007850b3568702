package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code values} key of ConfigMap {@code istio-sidecar-injector} (inject-spec c.3). Kept twice, as Istio does:
 * a generic tree for templates ({@code .Values}, every number a float64) and typed reads of the few fields the
 * code itself uses (hub, tag, variant, image names, cluster/network, rewrite flag).
 */
public final class InjectorValues {
    private final JsonNode tree;

    private InjectorValues(JsonNode tree) {
        this.tree = tree;
    }

    /** Parses the values text (JSON, or YAML as sigs.k8s.io/yaml accepts) and checks the typed fields. */
    public static InjectorValues parse(String text) throws InjectorConfigException {
        JsonNode root;
        try {
            root = Json.readYaml(text);
        } catch (JsonProcessingException e) {
            throw new InjectorConfigException("could not parse configuration values: " + e.getOriginalMessage(), e);
        }
        if (root.isMissingNode() || root.isNull()) root = Json.F.objectNode();
        if (!root.isObject())
            throw new InjectorConfigException("could not parse configuration values: expected a JSON object");
        JsonNode floats = toFloats(root);
        InjectorValues v = new InjectorValues(floats);
        v.checkTyped();
        return v;
    }

    /** Numbers become doubles so templates see Go's float64 values (15020 prints as 15020, 1.20 as 1.2). */
    private static JsonNode toFloats(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = Json.F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), toFloats(e.getValue()));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.F.arrayNode();
            n.forEach(x -> a.add(toFloats(x)));
            return a;
        }
        if (n.isNumber() && !n.isDouble()) return Json.F.numberNode(n.asDouble());
        return n;
    }

    private void checkTyped() throws InjectorConfigException {
        checkString("global", "hub");
        checkString("global", "variant");
        checkString("global", "proxy", "image");
        checkString("global", "proxy_init", "image");
        checkString("global", "multiCluster", "clusterName");
        checkString("global", "network");
        checkBool("global", "proxy", "holdApplicationUntilProxyStarts");
        checkBool("sidecarInjectorWebhook", "rewriteAppHTTPProbe");
        JsonNode tag = Json.path(tree, "global", "tag");
        if (tag != null && !(tag.isNull() || tag.isTextual() || tag.isNumber() || tag.isBoolean()))
            throw new InjectorConfigException("could not parse configuration values: global.tag must be a string or number");
    }

    private void checkString(String... path) throws InjectorConfigException {
        JsonNode n = Json.path(tree, path);
        if (n != null && !n.isNull() && !n.isTextual())
            throw new InjectorConfigException("could not parse configuration values: " + String.join(".", path)
                    + " must be a string, got " + n);
    }

    private void checkBool(String... path) throws InjectorConfigException {
        JsonNode n = Json.path(tree, path);
        if (n != null && !n.isNull() && !n.isBoolean())
            throw new InjectorConfigException("could not parse configuration values: " + String.join(".", path)
                    + " must be a boolean, got " + n);
    }

    /** The generic tree given to templates as {@code .Values}; callers must not mutate it. */
    public JsonNode tree() { return tree; }

    public String hub() { return Json.pathText(tree, "global", "hub"); }

    /** Go {@code %v} of the protobuf Value tag: strings as is, numbers in Go float formatting. */
    public String tag() {
        JsonNode t = Json.path(tree, "global", "tag");
        if (t == null || t.isNull()) return "";
        if (t.isNumber()) return goFloat(t.asDouble());
        return t.asText();
    }

    public String variant() { return Json.pathText(tree, "global", "variant"); }

    public String proxyImageName() { return Json.pathText(tree, "global", "proxy", "image"); }

    public String proxyInitImageName() { return Json.pathText(tree, "global", "proxy_init", "image"); }

    public String clusterName() { return Json.pathText(tree, "global", "multiCluster", "clusterName"); }

    public String network() { return Json.pathText(tree, "global", "network"); }

    public boolean holdApplicationUntilProxyStarts() {
        JsonNode n = Json.path(tree, "global", "proxy", "holdApplicationUntilProxyStarts");
        return n != null && n.asBoolean(false);
    }

    /** Absent means false (c.3). */
    public boolean rewriteAppHTTPProbe() {
        JsonNode n = Json.path(tree, "sidecarInjectorWebhook", "rewriteAppHTTPProbe");
        return n != null && n.asBoolean(false);
    }

    /** Go {@code %v} of a float64: shortest digits, exponent form when the exponent is < -4 or >= 6. */
    static String goFloat(double d) {
        if (d == 0) return "0";
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder b = new StringBuilder(d < 0 ? "-" : "");
            b.append(digits.charAt(0));
            if (digits.length() > 1) b.append('.').append(digits, 1, digits.length());
            b.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) b.append('0');
            return b.append(ae).toString();
        }
        return bd.toPlainString();
    }
}
