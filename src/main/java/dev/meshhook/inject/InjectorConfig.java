package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code config} key of ConfigMap {@code istio-sidecar-injector} (inject-spec c.2): policy, default templates,
 * template texts, aliases, selectors and injected annotations. Immutable; template texts are kept as given and
 * parsed by {@link Injector}.
 */
public final class InjectorConfig {
    /** Warning Istio logs when a config carries no templates (c.2). */
    public static final String EMPTY_TEMPLATES_WARNING = "injection templates are empty. This may be caused by using an "
            + "injection template from an older version of Istio. Please ensure the template is correct; mismatch "
            + "template versions can lead to unexpected results, including pods not being injected.";

    private final String policy;
    private final List<String> defaultTemplates;
    private final Map<String, String> templates;
    private final Map<String, List<String>> aliases;
    private final List<LabelSelector> neverInjectSelector;
    private final List<LabelSelector> alwaysInjectSelector;
    private final Map<String, String> injectedAnnotations;

    private InjectorConfig(String policy, List<String> defaultTemplates, Map<String, String> templates,
                           Map<String, List<String>> aliases, List<LabelSelector> never, List<LabelSelector> always,
                           Map<String, String> injectedAnnotations) {
        this.policy = policy;
        this.defaultTemplates = List.copyOf(defaultTemplates.isEmpty() ? List.of("sidecar") : defaultTemplates);
        this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        this.neverInjectSelector = List.copyOf(never);
        this.alwaysInjectSelector = List.copyOf(always);
        this.injectedAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(injectedAnnotations));
    }

    /** A config holding only templates, as kube-inject uses it (policy enabled, default ["sidecar"], h.3). */
    public static InjectorConfig ofTemplates(Map<String, String> templates) {
        return new InjectorConfig("enabled", List.of(), templates, Map.of(), List.of(), List.of(), Map.of());
    }

    /**
     * Parses the {@code config} text (YAML). Unknown keys are ignored and key names match case-insensitively, as
     * Go's encoding/json does; the legacy {@code template} key is ignored.
     */
    public static InjectorConfig parse(String yaml) throws InjectorConfigException {
        JsonNode root;
        try {
            root = Json.readYaml(yaml);
        } catch (JsonProcessingException e) {
            throw new InjectorConfigException("failed to parse injector config: " + e.getOriginalMessage(), e);
        }
        if (root.isMissingNode() || root.isNull()) root = Json.F.objectNode();
        if (!root.isObject())
            throw new InjectorConfigException("failed to parse injector config: expected a YAML mapping, got " + kind(root));
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        String policy = scalar(fields.get("policy"), "policy");
        List<String> defaults = stringList(fields.get("defaulttemplates"), "defaultTemplates");
        Map<String, String> templates = stringMap(fields.get("templates"), "templates");
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        JsonNode al = fields.get("aliases");
        if (al != null && !al.isNull()) {
            if (!al.isObject()) throw typeError("aliases", "map[string][]string", al);
            for (Iterator<Map.Entry<String, JsonNode>> it = al.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                aliases.put(e.getKey(), stringList(e.getValue(), "aliases." + e.getKey()));
            }
        }
        List<LabelSelector> never = selectors(fields.get("neverinjectselector"), "neverInjectSelector");
        List<LabelSelector> always = selectors(fields.get("alwaysinjectselector"), "alwaysInjectSelector");
        Map<String, String> injected = stringMap(fields.get("injectedannotations"), "injectedAnnotations");
        return new InjectorConfig(policy, defaults, templates, aliases, never, always, injected);
    }

    private static String kind(JsonNode n) {
        return n.isArray() ? "a list" : n.isTextual() ? "a string" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static InjectorConfigException typeError(String field, String goType, JsonNode got) {
        return new InjectorConfigException("failed to parse injector config: cannot unmarshal " + kind(got)
                + " into field " + field + " of type " + goType);
    }

    private static String scalar(JsonNode n, String field) throws InjectorConfigException {
        if (n == null || n.isNull()) return "";
        if (!n.isTextual()) throw typeError(field, "string", n);
        return n.asText();
    }

    private static List<String> stringList(JsonNode n, String field) throws InjectorConfigException {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw typeError(field, "[]string", n);
        for (JsonNode v : n) {
            if (!v.isTextual()) throw typeError(field, "[]string", v);
            out.add(v.asText());
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n, String field) throws InjectorConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) throw typeError(field, "map[string]string", n);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) out.put(e.getKey(), "");
            else if (v.isTextual()) out.put(e.getKey(), v.asText());
            else throw typeError(field + "." + e.getKey(), "string", v);
        }
        return out;
    }

    private static List<LabelSelector> selectors(JsonNode n, String field) throws InjectorConfigException {
        List<LabelSelector> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw typeError(field, "[]LabelSelector", n);
        for (JsonNode s : n) out.add(LabelSelector.fromJson(s));
        return out;
    }

    /** Raw policy text; {@code enabled}/{@code disabled} are the legal values (b.6). */
    public String policy() { return policy; }

    /** Templates used when the pod names none; {@code ["sidecar"]} when the config left it empty. */
    public List<String> defaultTemplates() { return defaultTemplates; }

    /** Template name → Go template text, in document order. */
    public Map<String, String> templates() { return templates; }

    public Map<String, List<String>> aliases() { return aliases; }

    public List<LabelSelector> neverInjectSelector() { return neverInjectSelector; }

    public List<LabelSelector> alwaysInjectSelector() { return alwaysInjectSelector; }

    public Map<String, String> injectedAnnotations() { return injectedAnnotations; }

    /** Load-time warnings Istio would log for this config. */
    public List<String> warnings() {
        return templates.isEmpty() ? List.of(EMPTY_TEMPLATES_WARNING) : List.of();
    }
}
