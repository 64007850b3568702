package dev.meshhook.inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Validation of pod annotations before rendering (inject-spec d.8). Errors are collected in a hashicorp
 * multierror text: {@code 1 error occurred:\n\t* <e>\n\n}.
 */
final class AnnotationValidation {
    private static final Pattern INTERFACE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.\\-]*$");
    private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

    /** Rule per annotation name; a rule returns null when the value is valid, else the reason. */
    private static final Map<String, UnaryOperator<String>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("sidecar.istio.io/interceptionMode", AnnotationValidation::interceptionMode);
        RULES.put("status.sidecar.istio.io/port", v -> {
            String e = parsePort(v);
            return e == null ? null : "excludeInboundPorts invalid: " + e;
        });
        RULES.put("readiness.status.sidecar.istio.io/initialDelaySeconds", AnnotationValidation::uint32);
        RULES.put("readiness.status.sidecar.istio.io/periodSeconds", AnnotationValidation::uint32);
        RULES.put("readiness.status.sidecar.istio.io/failureThreshold", AnnotationValidation::uint32);
        RULES.put("traffic.sidecar.istio.io/includeOutboundIPRanges", v -> {
            if (v.equals("*")) return null;
            String e = cidrList(v);
            return e == null ? null : "includeIPRanges invalid: " + e;
        });
        RULES.put("traffic.sidecar.istio.io/excludeOutboundIPRanges", v -> {
            String e = cidrList(v);
            return e == null ? null : "excludeIPRanges invalid: " + e;
        });
        RULES.put("traffic.sidecar.istio.io/includeInboundPorts", v -> v.equals("*") ? null : portList("includeInboundPorts", v));
        RULES.put("traffic.sidecar.istio.io/excludeInboundPorts", v -> portList("excludeInboundPorts", v));
        RULES.put("traffic.sidecar.istio.io/excludeOutboundPorts", v -> portList("excludeOutboundPorts", v));
        RULES.put("traffic.sidecar.istio.io/excludeInterfaces", AnnotationValidation::interfaces);
        RULES.put("traffic.sidecar.istio.io/kubevirtInterfaces", AnnotationValidation::interfaces);
        RULES.put("istio.io/reroute-virtual-interfaces", AnnotationValidation::interfaces);
        RULES.put("prometheus.istio.io/merge-metrics", AnnotationValidation::bool);
        RULES.put("proxy.istio.io/config", AnnotationValidation::proxyConfig);
        RULES.put("sidecar.istio.io/proxyCPU", AnnotationValidation::quantity);
        RULES.put("sidecar.istio.io/proxyMemory", AnnotationValidation::quantity);
        RULES.put("sidecar.istio.io/proxyCPULimit", AnnotationValidation::quantity);
        RULES.put("sidecar.istio.io/proxyMemoryLimit", AnnotationValidation::quantity);
    }

    private AnnotationValidation() {}

    /** Returns the multierror text for all invalid annotations, or null when all are valid. */
    static String validate(Map<String, String> annotations) {
        List<String> errs = new ArrayList<>();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            UnaryOperator<String> rule = RULES.get(e.getKey());
            if (rule == null) continue;
            String reason = rule.apply(e.getValue());
            if (reason != null)
                errs.add("invalid value '" + e.getValue() + "' for annotation '" + e.getKey() + "': " + reason);
        }
        return errs.isEmpty() ? null : multiError(errs);
    }

    /** hashicorp/go-multierror's default formatting. */
    static String multiError(List<String> errs) {
        StringBuilder b = new StringBuilder();
        b.append(errs.size() == 1 ? "1 error occurred:\n" : errs.size() + " errors occurred:\n");
        for (String e : errs) b.append("\t* ").append(e.replace("\n", "\n\t")).append('\n');
        return b.append('\n').toString();
    }

    private static String interceptionMode(String v) {
        return switch (v) {
            case "REDIRECT", "TPROXY", "NONE" -> null;
            default -> "interceptionMode invalid, use REDIRECT,TPROXY,NONE: " + v;
        };
    }

    /** Go strconv.ParseUint(s, 10, bits) error text, or null. */
    static String parseUint(String s, int bits) {
        String fn = "strconv.ParseUint: parsing " + Json.goQuote(s) + ": ";
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return fn + "invalid syntax";
        try {
            long max = bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1;
            long v = Long.parseLong(s);
            if (v > max) return fn + "value out of range";
        } catch (NumberFormatException ex) {
            return fn + "value out of range";
        }
        return null;
    }

    private static String uint32(String v) {
        return parseUint(v, 32);
    }

    static String parsePort(String p) {
        String e = parseUint(p.trim(), 16);
        return e == null ? null : "failed parsing port '" + p + "': " + e;
    }

    private static String portList(String param, String v) {
        String s = v.trim();
        if (s.isEmpty()) return null;
        for (String p : s.split(",", -1)) {
            String e = parsePort(p);
            if (e != null) return param + " invalid: failed parsing port '" + p + "': " + e;
        }
        return null;
    }

    private static String cidrList(String v) {
        if (v.isEmpty()) return null;
        for (String c : v.split(",", -1)) {
            String e = parsePrefix(c);
            if (e != null) return "failed parsing cidr '" + c + "': " + e;
        }
        return null;
    }

    /** Go netip.ParsePrefix error text, or null when valid. */
    static String parsePrefix(String s) {
        String fn = "netip.ParsePrefix(" + Json.goQuote(s) + "): ";
        int slash = s.lastIndexOf('/');
        if (slash < 0) return fn + "no '/'";
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (addr.contains("%")) return fn + "IPv6 zones cannot be present in a prefix";
        String addrErr = addr.contains(":") ? parseIPv6(addr) : parseIPv4(addr);
        if (addrErr != null) return fn + "ParseAddr(" + Json.goQuote(addr) + "): " + addrErr;
        if (bits.isEmpty() || !bits.chars().allMatch(c -> c >= '0' && c <= '9') || (bits.length() > 1 && bits.charAt(0) == '0'))
            return fn + "bad bits after slash: " + Json.goQuote(bits);
        int max = addr.contains(":") ? 128 : 32;
        if (bits.length() > 3 || Integer.parseInt(bits) > max) return fn + "prefix length out of range";
        return null;
    }

    private static String parseIPv4(String a) {
        if (a.isEmpty()) return "unable to parse IP";
        String[] f = a.split("\\.", -1);
        for (String x : f) {
            if (x.isEmpty()) return f.length < 4 ? "IPv4 address too short" : "IPv4 field must have at least one digit";
            if (!x.chars().allMatch(c -> c >= '0' && c <= '9')) return "unexpected character";
            if (x.length() > 1 && x.charAt(0) == '0') return "IPv4 field has octet with leading zero";
            if (x.length() > 3 || Integer.parseInt(x) > 255) return "IPv4 field has value >255";
        }
        if (f.length < 4) return "IPv4 address too short";
        if (f.length > 4) return "IPv4 address too long";
        return null;
    }

    private static String parseIPv6(String a) {
        if (!a.matches("[0-9a-fA-F:.]+")) return "unexpected character";
        try {
            java.net.InetAddress.getByName(a.startsWith("[") ? a : "[" + a + "]");
            return null;
        } catch (Exception ex) {
            return "unable to parse IP";
        }
    }

    private static String interfaces(String v) {
        if (v.isEmpty()) return null;
        for (String raw : v.split(",", -1)) {
            String x = raw.trim();
            if (x.isEmpty()) return "empty interface name";
            if (x.length() > 15) return "interface name " + Json.goQuote(x) + " too long (max 15 chars)";
            if (!INTERFACE.matcher(x).matches()) return "interface name " + Json.goQuote(x) + " contains invalid characters";
        }
        return null;
    }

    private static String bool(String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> null;
            default -> "strconv.ParseBool: parsing " + Json.goQuote(v) + ": invalid syntax";
        };
    }

    /** Go strconv.ParseBool; null when invalid. */
    static Boolean parseBool(String v) {
        if (v == null) return null;
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }

    private static String quantity(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c)) return "value contains control characters";
        }
        var m = QUANTITY.matcher(v);
        if (!m.matches()) return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        String num = m.group(1);
        String suffix = m.group(2);
        if (!num.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) return "unable to parse numeric part of quantity";
        boolean okSuffix = switch (suffix) {
            case "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> true;
            default -> suffix.matches("[eE][-+]?[0-9]+");
        };
        return okSuffix ? null : "unable to parse quantity's suffix";
    }

    private static String proxyConfig(String v) {
        ProxyConfig pc;
        try {
            pc = ProxyConfig.DEFAULT.merge(v);
        } catch (InjectorConfigException ex) {
            return ex.getMessage();
        }
        List<String> errs = pc.validate();
        return errs.isEmpty() ? null : multiError(errs);
    }
}
