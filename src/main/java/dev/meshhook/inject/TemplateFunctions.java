package dev.meshhook.inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshhook.gotemplate.FuncMap;
import dev.meshhook.gotemplate.FuncMaps;
import dev.meshhook.gotemplate.Function;
import dev.meshhook.gotemplate.GoMap;
import dev.meshhook.gotemplate.GoSlice;
import dev.meshhook.gotemplate.GoStruct;
import dev.meshhook.gotemplate.GoType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The function map injection templates are parsed with (inject-spec d.5): the engine's Istio map, overlaid with
 * the functions that depend on the injector's own models and environment — {@code env} (istiod variables from
 * {@link InjectorEnv}, never the process environment), {@code protoToJSON} (ProxyConfig default stripping),
 * {@code formatDuration} and {@code otelResourceAttributes} (d.6).
 */
final class TemplateFunctions {
    private TemplateFunctions() {}

    static FuncMap forEnv(InjectorEnv env) {
        Map<String, String> vars = env.variables();
        List<Function> own = new ArrayList<>();
        own.add(Function.of("env", List.of(GoType.STRING, GoType.STRING), a -> {
            String v = vars.get((String) a[0]);
            return v == null || v.isEmpty() ? a[1] : v;
        }));
        own.add(Function.of("protoToJSON", List.of(GoType.ANY), a -> protoToJson(a[0])));
        own.add(Function.of("formatDuration", List.of(GoType.ANY), a ->
                a[0] instanceof ProtoStruct.DurationStruct d && d.duration() != null ? d.duration().goString() : "0s"));
        own.add(Function.of("otelResourceAttributes",
                List.of(GoType.ANY, GoType.MAP_STRING_STRING, GoType.MAP_STRING_STRING, GoType.STRING, GoType.ANY),
                a -> otelResourceAttributes(a[0], stringMap(a[1]), stringMap(a[2]), (String) a[3], a[4])));
        return base().with(FuncMap.of(own));
    }

    private static FuncMap base() {
        return FuncMaps.go();
    }

    static String protoToJson(Object v) {
        if (v == null) return "{}";
        if (v instanceof ProtoStruct p) {
            if (p.isNilPointer()) return "{}";
            if (p.proxyConfig() != null) return p.proxyConfig().toProtoJson();
            return compact(p.toJson());
        }
        if (v instanceof GoStruct s) return s.isNilPointer() ? "{}" : compact(s.toJson());
        return "{}";
    }

    private static String compact(JsonNode n) {
        try {
            return Json.JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Object o) {
        if (o instanceof GoMap m && m.map() != null) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            m.map().forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            return out;
        }
        if (o instanceof Map<?, ?> m) return (Map<String, String>) m;
        return Map.of();
    }

    /** inject-spec d.6. */
    static String otelResourceAttributes(Object mesh, Map<String, String> annotations, Map<String, String> labels,
                                         String namespace, Object containers) {
        if (!(mesh instanceof ProtoStruct m) || m.isNilPointer()) return "";
        boolean enabled = false;
        for (JsonNode p : m.toJson().path("extensionProviders"))
            if ("OTEL_SEMANTIC_CONVENTIONS".equals(p.path("opentelemetry").path("serviceAttributeEnrichment").asText(null)))
                enabled = true;
        if (!enabled) return "";
        List<GoStruct> cs = new ArrayList<>();
        if (containers instanceof GoSlice s && s.list() != null)
            for (Object o : s.list()) if (o instanceof GoStruct g) cs.add(g);
        List<String> attrs = new ArrayList<>();
        String ns = annotations.getOrDefault("resource.opentelemetry.io/service.namespace", "");
        if (ns.isEmpty()) ns = namespace == null ? "" : namespace;
        if (!ns.isEmpty()) attrs.add("service.namespace=" + ns);
        String version = annotations.getOrDefault("resource.opentelemetry.io/service.version", "");
        if (version.isEmpty()) version = labels.getOrDefault("app.kubernetes.io/version", "");
        if (version.isEmpty() && cs.size() == 1) version = imageVersion(String.valueOf(cs.get(0).member("Image")));
        if (!version.isEmpty()) attrs.add("service.version=" + version);
        String instance = annotations.getOrDefault("resource.opentelemetry.io/service.instance.id", "");
        if (instance.isEmpty() && !cs.isEmpty()) instance = namespace + ".$(POD_NAME)." + cs.get(0).member("Name");
        if (!instance.isEmpty()) attrs.add("service.instance.id=" + instance);
        return String.join(",", attrs);
    }

    /** {@code tag@digest}, {@code digest} or {@code tag} of an image reference. */
    static String imageVersion(String image) {
        String digest = "";
        int at = image.indexOf('@');
        String rest = image;
        if (at >= 0) {
            digest = image.substring(at + 1);
            rest = image.substring(0, at);
        }
        String tag = "";
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) tag = rest.substring(colon + 1);
        if (!tag.isEmpty() && !digest.isEmpty()) return tag + "@" + digest;
        return !digest.isEmpty() ? digest : tag;
    }
}
