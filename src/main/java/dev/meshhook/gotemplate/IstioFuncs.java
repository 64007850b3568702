package dev.meshhook.gotemplate;

import static dev.meshhook.gotemplate.Sprig.fn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Istio's InjectionFuncmap (pkg/kube/inject/template.go), see inject-spec d.5 and d.6. */
final class IstioFuncs {
    private IstioFuncs() {}

    static FuncMap funcs(UnaryOperator<String> env) {
        KubeTypes.CONTAINER.type(); // registers the struct type names used in the signatures below
        List<Function> f = new ArrayList<>();
        f.add(fn("formatDuration", "any", a -> formatDuration(a[0])));
        f.add(fn("isset", "map[string]string string", a -> ((GoMap) a[0]).map() != null && ((GoMap) a[0]).map().containsKey(a[1])));
        f.add(fn("excludeInboundPort", "any string", a -> excludeInboundPort(a[0], (String) a[1])));
        f.add(fn("includeInboundPorts", "[]v1.Container", a -> containerPorts(a[0], false)));
        f.add(fn("applicationPorts", "[]v1.Container", a -> containerPorts(a[0], true)));
        f.add(fn("kubevirtInterfaces", "string", a -> a[0]));
        f.add(fn("excludeInterfaces", "string", a -> a[0]));
        f.add(fn("annotation", "v1.ObjectMeta any any", a -> annotation(a[0], a[1], a[2])));
        f.add(fn("valueOrDefault", "any any", a -> a[0] == null || "".equals(a[0]) ? a[1] : a[0]));
        f.add(fn("toJSON", "map[string]string", a -> ((GoMap) a[0]).isNil() ? "{}" : GoJson.encode(a[0])));
        f.add(fn("fromJSON", "string", a -> {
            try {
                return GoJson.decode((String) a[0]);
            } catch (IllegalArgumentException e) {
                return "{}";
            }
        }));
        f.add(fn("structToJSON", "any", a -> {
            if (a[0] == null) {
                return "{}";
            }
            try {
                return GoJson.encode(a[0]);
            } catch (IllegalArgumentException e) {
                return "{}";
            }
        }));
        f.add(fn("protoToJSON", "any", a -> {
            Object v = a[0];
            if (v == null || (v instanceof GoStruct && ((GoStruct) v).isNilPointer())) {
                return "{}";
            }
            if (v instanceof GoProtoMessage) {
                return ((GoProtoMessage) v).toProtoJson();
            }
            throw new GoFuncException("protoToJSON: " + GoValues.typeName(v) + " is not a protobuf message");
        }));
        f.add(fn("toYaml", "any", a -> {
            try {
                return GoYaml.emit(a[0]);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }));
        f.add(fn("indent", "int string", a -> indent((Long) a[0], (String) a[1])));
        f.add(fn("directory", "string", a -> GoPath.split((String) a[0])[0]));
        f.add(fn("contains", "string string", a -> ((String) a[1]).contains((String) a[0])));
        f.add(fn("toLower", "string", a -> toLower((String) a[0])));
        f.add(fn("appendMultusNetwork", "string string", a -> appendMultusNetwork((String) a[0], (String) a[1])));
        f.add(fn("env", "string string", a -> {
            String v = env.apply((String) a[0]);
            return v == null || v.isEmpty() ? a[1] : v;
        }));
        f.add(fn("omit", "map[string]string string...", a -> {
            Map<Object, Object> m = GoValues.mapOf(a[0]);
            Set<Object> drop = new HashSet<>(java.util.Arrays.asList(Builtins.rest(a)));
            Map<Object, Object> r = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                if (!drop.contains(e.getKey())) {
                    r.put(e.getKey(), e.getValue());
                }
            }
            return new GoMap(GoType.MAP_STRING_STRING, r);
        }));
        f.add(fn("strdict", "string...", a -> {
            Map<Object, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < a.length; i += 2) {
                r.put(a[i], i + 1 < a.length ? a[i + 1] : "");
            }
            return new GoMap(GoType.MAP_STRING_STRING, r);
        }));
        f.add(fn("toJsonMap", "map[string]string...", a -> GoJson.encode(mergeMaps(a))));
        f.add(fn("mergeMaps", "map[string]string...", IstioFuncs::mergeMaps));
        f.add(fn("omitNil", "any", a -> omitNil(a[0])[0]));
        f.add(fn("otelResourceAttributes", "any map[string]string map[string]string string []v1.Container",
                a -> otelResourceAttributes(a[0], (GoMap) a[1], (GoMap) a[2], (String) a[3], (GoSlice) a[4])));
        return FuncMap.of(f);
    }

    /** Go strings.ToLower (Unicode simple lower-casing, locale-independent). */
    static String toLower(String s) {
        if (GoStrings.isAscii(s)) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    static String indent(long spaces, String source) {
        String pad = " ".repeat((int) Math.abs(spaces));
        String[] lines = source.split("\n", -1);
        StringBuilder sb = new StringBuilder(source.length() + lines.length * pad.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n').append(pad);
            }
            sb.append(lines[i]);
        }
        return sb.toString();
    }

    static String excludeInboundPort(Object port, String excluded) {
        String p = GoStrings.trimSpace(GoFmt.sprint(port));
        if (p.isEmpty() || p.equals("0")) {
            return excluded;
        }
        String[] ports = excluded.split(",", -1);
        List<String> out = new ArrayList<>();
        for (String x : ports) {
            if (x.equals(p)) {
                return excluded;
            }
            String t = GoStrings.trimSpace(x);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        out.add(p);
        return String.join(",", out);
    }

    static String containerPorts(Object containers, boolean skipProxy) {
        List<String> parts = new ArrayList<>();
        for (Object c : GoValues.listOf(containers)) {
            GoStruct s = (GoStruct) c;
            if (skipProxy && "istio-proxy".equals(s.member("Name"))) {
                continue;
            }
            List<Object> ports = GoValues.listOf(s.member("Ports"));
            if (ports == null) {
                continue;
            }
            for (Object p : ports) {
                GoStruct ps = (GoStruct) p;
                Object proto = ps.member("Protocol");
                if ("UDP".equals(proto) || "SCTP".equals(proto)) {
                    continue;
                }
                parts.add(Long.toString(GoValues.intBits(ps.member("ContainerPort"))));
            }
        }
        return String.join(",", parts);
    }

    static String annotation(Object meta, Object name, Object def) {
        Object ann = ((GoStruct) meta).member("Annotations");
        Map<Object, Object> m = GoValues.mapOf(ann);
        if (m != null && m.containsKey(name)) {
            return (String) m.get(name);
        }
        return GoFmt.sprint(def);
    }

    static String appendMultusNetwork(String existing, String network) {
        if (existing.isEmpty()) {
            return network;
        }
        int i = existing.lastIndexOf(']');
        if (i >= 0) {
            Object parsed;
            try {
                parsed = GoJson.decode(existing);
            } catch (IllegalArgumentException e) {
                return existing;
            }
            List<Object> nets = GoValues.listOf(parsed);
            if (nets == null) {
                return existing;
            }
            String ns = "";
            String name = network;
            int slash = network.indexOf('/');
            if (slash >= 0) {
                ns = network.substring(0, slash);
                name = network.substring(slash + 1);
            }
            for (Object n : nets) {
                Map<Object, Object> m = GoValues.mapOf(n);
                if (m == null) {
                    return existing;
                }
                Object nsv = m.get("namespace");
                String netNs = nsv instanceof String ? (String) nsv : "";
                if (name.equals(m.get("name")) && netNs.equals(ns)) {
                    return existing;
                }
            }
            String entry = ns.isEmpty() ? "{\"name\": \"" + name + "\"}" : "{\"name\": \"" + name + "\", \"namespace\": \"" + ns + "\"}";
            return existing.substring(0, i) + ", " + entry + "]";
        }
        for (String n : existing.split(",", -1)) {
            if (GoStrings.trimSpace(n).equals(network)) {
                return existing;
            }
        }
        return existing + ", " + network;
    }

    static Object mergeMaps(Object[] maps) {
        if (maps.length == 0) {
            return new GoMap(GoType.MAP_STRING_STRING, null);
        }
        Map<Object, Object> r = new LinkedHashMap<>();
        for (Object m : maps) {
            r.putAll(GoValues.mapOf(m));
        }
        return new GoMap(GoType.MAP_STRING_STRING, r);
    }

    /** Returns {cleaned value, changed?}. A structure emptied by dropping nils becomes nil. */
    @SuppressWarnings("unchecked")
    static Object[] omitNil(Object v) {
        if (v instanceof Map) {
            Map<Object, Object> m = (Map<Object, Object>) v;
            Map<Object, Object> r = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                if (e.getValue() == null) {
                    changed = true;
                    continue;
                }
                Object[] c = omitNil(e.getValue());
                if (c[1] == Boolean.TRUE) {
                    changed = true;
                }
                if (c[0] != null) {
                    r.put(e.getKey(), c[0]);
                }
            }
            if (!changed) {
                return new Object[] {v, false};
            }
            return new Object[] {r.isEmpty() ? null : r, true};
        }
        if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            List<Object> r = new ArrayList<>();
            boolean changed = false;
            for (Object x : l) {
                if (x == null) {
                    changed = true;
                    continue;
                }
                Object[] c = omitNil(x);
                if (c[1] == Boolean.TRUE) {
                    changed = true;
                }
                if (c[0] != null) {
                    r.add(c[0]);
                }
            }
            if (!changed) {
                return new Object[] {v, false};
            }
            return new Object[] {r.isEmpty() ? null : r, true};
        }
        return new Object[] {v, false};
    }

    /** Go time.Duration.String() of a protobuf Duration struct (members Seconds, Nanos); nil → "0s". */
    static String formatDuration(Object d) {
        if (d == null || !(d instanceof GoStruct) || ((GoStruct) d).isNilPointer()) {
            return durationString(0);
        }
        GoStruct s = (GoStruct) d;
        Object secs = s.member("Seconds");
        Object nanos = s.member("Nanos");
        long sec = GoValues.isInteger(secs) ? GoValues.intBits(secs) : 0;
        long ns = GoValues.isInteger(nanos) ? GoValues.intBits(nanos) : 0;
        return durationString(sec * 1_000_000_000L + ns);
    }

    /** Go time.Duration.String. */
    static String durationString(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        java.math.BigInteger u = java.math.BigInteger.valueOf(d).abs();
        long ul = u.longValue();
        StringBuilder sb = new StringBuilder();
        if (u.compareTo(java.math.BigInteger.valueOf(1_000_000_000L)) < 0) {
            String unit;
            long div;
            if (ul < 1000) {
                return (neg ? "-" : "") + ul + "ns";
            } else if (ul < 1_000_000) {
                unit = "µs";
                div = 1000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            sb.append(fraction(ul, div)).append(unit);
            return (neg ? "-" : "") + sb;
        }
        long secsTotal = ul / 1_000_000_000L;
        long frac = ul % 1_000_000_000L;
        long h = secsTotal / 3600;
        long m = secsTotal / 60 % 60;
        long sec = secsTotal % 60;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(fraction(sec * 1_000_000_000L + frac, 1_000_000_000L)).append('s');
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long rem = v % div;
        if (rem == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(div).substring(1);
        String f = String.format("%0" + digits.length() + "d", rem).replaceAll("0+$", "");
        return whole + "." + f;
    }

    // ---------------------------------------------------------------- otelResourceAttributes (d.6)

    private static Object prop(Object o, String... names) {
        if (o == null || o == GoValues.MISSING) {
            return null;
        }
        for (String n : names) {
            if (o instanceof GoStruct) {
                Object v = ((GoStruct) o).member(n);
                if (v != GoStruct.NO_MEMBER) {
                    return v instanceof GoMethod ? null : v;
                }
            } else if (o instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (m.containsKey(n)) {
                    return m.get(n);
                }
            }
        }
        return null;
    }

    static String otelResourceAttributes(Object mesh, GoMap annotations, GoMap labels, String namespace, GoSlice containers) {
        boolean enabled = false;
        List<Object> providers = GoValues.listOf(prop(mesh, "GetExtensionProviders", "ExtensionProviders", "extensionProviders"));
        if (providers != null) {
            for (Object p : providers) {
                Object otel = prop(p, "GetOpentelemetry", "Opentelemetry", "opentelemetry");
                Object enrich = prop(otel, "GetServiceAttributeEnrichment", "ServiceAttributeEnrichment", "serviceAttributeEnrichment");
                if (enrich != null && "OTEL_SEMANTIC_CONVENTIONS".equals(Sprig.strval(enrich))) {
                    enabled = true;
                    break;
                }
            }
        }
        if (!enabled) {
            return "";
        }
        Map<Object, Object> ann = GoValues.mapOf(annotations);
        Map<Object, Object> lab = GoValues.mapOf(labels);
        List<Object> cs = GoValues.listOf(containers);
        List<String> out = new ArrayList<>();
        String ns = nonEmpty(ann.get("resource.opentelemetry.io/service.namespace"));
        if (ns == null && !namespace.isEmpty()) {
            ns = namespace;
        }
        if (ns != null) {
            out.add("service.namespace=" + ns);
        }
        String version = nonEmpty(ann.get("resource.opentelemetry.io/service.version"));
        if (version == null) {
            version = nonEmpty(lab.get("app.kubernetes.io/version"));
        }
        if (version == null && cs.size() == 1) {
            version = imageVersion((String) ((GoStruct) cs.get(0)).member("Image"));
        }
        if (version != null) {
            out.add("service.version=" + version);
        }
        String id = nonEmpty(ann.get("resource.opentelemetry.io/service.instance.id"));
        if (id == null && !cs.isEmpty()) {
            id = namespace + ".$(POD_NAME)." + ((GoStruct) cs.get(0)).member("Name");
        }
        if (id != null) {
            out.add("service.instance.id=" + id);
        }
        return String.join(",", out);
    }

    private static String nonEmpty(Object v) {
        return v instanceof String && !((String) v).isEmpty() ? (String) v : null;
    }

    /** Version from an image reference: tag@digest, digest, or tag; null when neither. */
    static String imageVersion(String image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        String digest = null;
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String tag = null;
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            tag = ref.substring(colon + 1);
        }
        if (tag != null && !tag.isEmpty() && digest != null && !digest.isEmpty()) {
            return tag + "@" + digest;
        }
        if (digest != null && !digest.isEmpty()) {
            return digest;
        }
        return tag != null && !tag.isEmpty() ? tag : null;
    }
}
