package dev.meshhook.validate;

import java.util.List;

/** Names, hosts and domains (§2.1.1). Checks return Istio's error text, or null when valid. */
public final class Hosts {
    private Hosts() {}

    /** Istio's DNS-1123 label (upper case allowed), at most 63 characters. */
    public static boolean isDnsLabel(String s) {
        return isDnsLabel(s, 0, s.length());
    }

    /** {@link #isDnsLabel(String)} of {@code s[from, to)}, without cutting it out. */
    private static boolean isDnsLabel(String s, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 63) {
            return false;
        }
        if (!alnum(s.charAt(from)) || !alnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code *}, {@code *foo}, {@code *-foo} or a DNS label. */
    public static boolean isWildcardDnsLabel(String s) {
        return isWildcardDnsLabel(s, 0, s.length());
    }

    private static boolean isWildcardDnsLabel(String s, int from, int to) {
        int n = to - from;
        if (n > 63) {
            return false;
        }
        if (n == 1 && s.charAt(from) == '*') {
            return true;
        }
        if (n >= 2 && s.charAt(from) == '*' && s.charAt(from + 1) == '-') {
            return isDnsLabel(s, from + 2, to);
        }
        if (n >= 1 && s.charAt(from) == '*') {
            return isDnsLabel(s, from + 1, to);
        }
        return isDnsLabel(s, from, to);
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static String dnsPreconditions(String d) {
        if (d.length() > 255) {
            return "domain name " + GoFormat.quote(d) + " too long (max 255)";
        }
        if (d.isEmpty()) {
            return "empty domain name not allowed";
        }
        return null;
    }

    /** {@code ValidateDNS1123Labels}. */
    public static String dnsLabels(String d) {
        return dnsLabels(d, 0);
    }

    /** {@link #dnsLabels(String)} of {@code d.substring(from)}; labels are checked in place. */
    private static String dnsLabels(String d, int from) {
        int n = d.length();
        int tldStart = d.lastIndexOf('.') + 1;
        if (tldStart < from) {
            tldStart = from;
        }
        if (mayBeGoAtoi(d, tldStart, n) && isGoAtoi(d.substring(tldStart))) {
            String rest = d.substring(from);
            return "domain name " + GoFormat.quote(rest) + " invalid (top level domain "
                    + GoFormat.quote(d.substring(tldStart)) + " cannot be all-numeric)";
        }
        int start = from;
        while (true) {
            int dot = d.indexOf('.', start);
            int end = dot < 0 ? n : dot;
            if (dot < 0 && start == end) {
                return null; // a trailing dot: the last label is empty
            }
            if (!isDnsLabel(d, start, end)) {
                return "domain name " + GoFormat.quote(d.substring(from)) + " invalid (label "
                        + GoFormat.quote(d.substring(start, end)) + " invalid)";
            }
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
    }

    /** Cheap pre-check for {@link #isGoAtoi}: an optional sign and at least one digit, digits only. */
    private static boolean mayBeGoAtoi(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i >= to) {
            return false;
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Go {@code strconv.Atoi} succeeds: optional sign, decimal digits, fits in int64. */
    static boolean isGoAtoi(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i >= s.length()) {
            return false;
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code ValidateFQDN}: no wildcards; single labels pass. */
    public static String fqdn(String d) {
        String e = dnsPreconditions(d);
        return e != null ? e : dnsLabels(d);
    }

    /** {@code ValidateWildcardDomain}: a wildcard only in the first label; errors name only the remainder. */
    public static String wildcardDomain(String d) {
        String e = dnsPreconditions(d);
        if (e != null) {
            return e;
        }
        int dot = d.indexOf('.');
        int firstEnd = dot < 0 ? d.length() : dot;
        if (!isWildcardDnsLabel(d, 0, firstEnd)) {
            return "domain name " + GoFormat.quote(d) + " invalid (label " + GoFormat.quote(d.substring(0, firstEnd))
                    + " invalid)";
        }
        return dot < 0 ? null : dnsLabels(d, dot + 1);
    }

    /** {@code ValidatePartialWildCard}. */
    public static String partialWildcard(String h) {
        if (h.contains("*") && !h.equals("*") && !h.startsWith("*.")) {
            return "partial wildcard " + GoFormat.quote(h) + " not allowed";
        }
        return null;
    }

    /** {@code ValidateWildcardDomainForVirtualServiceBoundToGateway}. */
    public static String gatewayBoundDomain(boolean sni, String d) {
        String e = dnsPreconditions(d);
        if (e != null) {
            return e;
        }
        if (sni && d.startsWith("outbound_")) {
            String format = "outbound_.<PORT>_._.<HOSTNAME>";
            String[] parts = d.split("_", -1);
            if (parts.length < 4) {
                return "domain name " + d + " invalid, should follow '" + format + "' format";
            }
            if (!parts[0].equals("outbound")) {
                return "domain name " + GoFormat.quote(d) + " invalid (label " + GoFormat.quote(parts[0]) + " invalid)";
            }
            String port = trimDots(parts[1]);
            if (!port.chars().anyMatch(Character::isDigit)) {
                return "domain name " + GoFormat.quote(d) + " invalid (label " + GoFormat.quote(port)
                        + " invalid). should follow " + format + " format";
            }
            String host = trimDots(parts[3]);
            if (!host.chars().anyMatch(Character::isLetter)) {
                return "domain name " + GoFormat.quote(d) + " invalid (label " + GoFormat.quote(host)
                        + " invalid). should follow " + format + " format";
            }
            return null;
        }
        return wildcardDomain(d);
    }

    private static String trimDots(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '.') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '.') {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * {@code validateNamespaceSlashWildcardHostname}: Sidecar egress hosts and Gateway server hosts.
     */
    public static void namespaceSlashHost(String h, boolean isGateway, boolean gatewaySemantics, Findings f) {
        int slash = h.indexOf('/');
        if (slash < 0) {
            if (isGateway) {
                hostnamePart(h, true, f);
            } else {
                f.error("host must be of form namespace/dnsName");
            }
            return;
        }
        String ns = h.substring(0, slash);
        String dns = h.substring(slash + 1);
        if (ns.isEmpty() || dns.isEmpty()) {
            f.error("config namespace and dnsName in host entry cannot be empty");
        }
        if (!isGateway) {
            String rest = ns.startsWith("~") ? ns.substring(1) : ns;
            if (!rest.isEmpty() && !rest.equals("*") && !rest.equals(".") && !isDnsLabel(rest)) {
                f.error("invalid namespace value " + GoFormat.quote(ns) + " in sidecar");
            }
        } else {
            boolean ok = ns.equals("*") || ns.equals(".") || isDnsLabel(ns) || (gatewaySemantics && ns.equals("~"));
            if (!ok) {
                f.error("invalid namespace value " + GoFormat.quote(ns) + " in gateway");
            }
        }
        hostnamePart(dns, isGateway, f);
    }

    private static void hostnamePart(String h, boolean isGateway, Findings f) {
        if (!h.equals("*") && !h.contains(".")) {
            f.error("short names (non FQDN) are not allowed");
        }
        String e = wildcardDomain(h);
        if (e != null) {
            boolean ip = Addresses.isIp(h);
            // Istio adds the error for sidecars and again whenever the host is not an IP, so a
            // sidecar host error appears twice (kept for message compatibility, §5 item 9).
            if (!isGateway) {
                f.error(e);
            }
            if (!ip) {
                f.error(e);
            }
        }
        String p = partialWildcard(h);
        if (p != null) {
            f.error(p);
        }
    }

    /** {@code validateGatewayNames} for VirtualService {@code gateways} and match {@code gateways}. */
    public static void gatewayNames(List<String> names, boolean gatewaySemantics, Findings f) {
        for (String g : names) {
            int slash = g.indexOf('/');
            if (slash < 0) {
                if (g.contains(".")) {
                    String[] parts = g.split("\\.", -1);
                    String recommended = parts[1] + "/" + parts[0];
                    f.warn("using legacy gatewayName format " + GoFormat.quote(g) + "; prefer the <namespace>/<name> format: "
                            + GoFormat.quote(recommended));
                }
                String e = fqdn(g);
                if (e != null) {
                    f.error(e);
                }
                // Istio stops at the first name without a '/' (bug-compatible).
                return;
            }
            String ns = g.substring(0, slash);
            String name = g.substring(slash + 1);
            if (ns.isEmpty() || name.isEmpty()) {
                f.error("config namespace and gateway name cannot be empty");
            }
            if (!isDnsLabel(ns)) {
                f.error("invalid value for namespace: " + GoFormat.quote(ns));
            }
            if (!gatewaySemantics && !isDnsLabel(name)) {
                f.error("invalid value for gateway name: " + GoFormat.quote(name));
            }
        }
    }

    public static String subsetName(String name) {
        if (name.isEmpty()) {
            return "subset name cannot be empty";
        }
        if (!isDnsLabel(name)) {
            return "subset name is invalid: " + name;
        }
        return null;
    }

    public static String portName(String name) {
        return isDnsLabel(name) ? null : "invalid port name: " + name;
    }
}
