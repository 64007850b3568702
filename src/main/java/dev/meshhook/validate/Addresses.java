package dev.meshhook.validate;

import java.util.Locale;
import java.util.Set;

/** IPs, CIDRs, unix socket paths and protocols (§2.1.5), with Go {@code net/netip} parsing rules. */
public final class Addresses {
    private Addresses() {}

    private static final Set<String> PROTOCOLS = Set.of(
            "tcp", "udp", "grpc", "grpc-web", "http", "http_proxy", "http2", "https", "tls", "mongo", "redis", "mysql");

    /** Whether {@code s} parses with Go {@code netip.ParseAddr}. */
    public static boolean isIp(String s) {
        return parseAddrError(s) == null;
    }

    /** The {@code netip.ParseAddr} failure detail (without the function prefix), or null when valid. */
    public static String parseAddrError(String s) {
        if (s.isEmpty()) {
            return "unable to parse IP";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return ipv4Error(s);
            }
            if (c == ':') {
                return ipv6Error(s);
            }
            if (c == '%') {
                return "missing IPv6 address";
            }
        }
        return "unable to parse IP";
    }

    private static String ipv4Error(String s) {
        int fields = 0;
        int val = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && val == 0) {
                    return "IPv4 field has octet with leading zero";
                }
                val = val * 10 + (c - '0');
                digits++;
                if (val > 255) {
                    return "IPv4 field has value >255";
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    return "IPv4 field must have at least one digit";
                }
                if (fields == 3) {
                    return "IPv4 address too long";
                }
                fields++;
                val = 0;
                digits = 0;
            } else {
                return "unexpected character";
            }
        }
        if (fields < 3) {
            return "IPv4 address too short";
        }
        return null;
    }

    private static String ipv6Error(String in) {
        String s = in;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            if (pct == s.length() - 1) {
                return "zone must be a non-empty string";
            }
            s = s.substring(0, pct);
        }
        int groups = 0;
        int ellipsis = -1;
        int i = 0;
        int n = s.length();
        if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            i = 2;
            if (i == n) {
                return null;
            }
        }
        while (i < n) {
            int start = i;
            int val = 0;
            while (i < n) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                val = val * 16 + d;
                i++;
                if (i - start > 4) {
                    return "IPv6 field has value >=2^16";
                }
            }
            if (i == start) {
                return "each colon-separated field must have at least one digit";
            }
            if (i < n && s.charAt(i) == '.') {
                if (ellipsis < 0 && groups != 6) {
                    return "embedded IPv4 address must replace the final 2 fields of the address";
                }
                if (groups + 2 > 8) {
                    return "too many hex fields";
                }
                String v4 = s.substring(start);
                String err = ipv4Error(v4);
                if (err != null) {
                    return err;
                }
                groups += 2;
                i = n;
                break;
            }
            groups++;
            if (groups > 8) {
                return "too many hex fields";
            }
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return "unexpected character, want colon";
            }
            if (i + 1 == n) {
                return "colon must be followed by more characters";
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return "multiple :: in address";
                }
                ellipsis = groups;
                i++;
                if (i == n) {
                    break;
                }
            }
        }
        if (ellipsis < 0 && groups != 8) {
            return "address string too short";
        }
        if (ellipsis >= 0 && groups >= 8) {
            return "the :: must expand to at least one field of zeros";
        }
        return null;
    }

    /** The {@code netip.ParsePrefix} failure detail, or null when valid (host bits may be set). */
    public static String parsePrefixError(String s) {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return "netip.ParsePrefix(" + GoFormat.quote(s) + "): no '/'";
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        String ae = parseAddrError(addr);
        if (ae != null) {
            return "netip.ParsePrefix(" + GoFormat.quote(s) + "): ParseAddr(" + GoFormat.quote(addr) + "): " + ae;
        }
        if (addr.contains("%")) {
            return "netip.ParsePrefix(" + GoFormat.quote(s) + "): IPv6 zones cannot be present in a prefix";
        }
        boolean digitsOnly = !bits.isEmpty() && bits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || (bits.length() > 1 && bits.charAt(0) == '0') || bits.length() > 3) {
            return "netip.ParsePrefix(" + GoFormat.quote(s) + "): bad bits after slash: " + GoFormat.quote(bits);
        }
        int b = Integer.parseInt(bits);
        int max = addr.contains(":") ? 128 : 32;
        if (b > max) {
            return "netip.ParsePrefix(" + GoFormat.quote(s) + "): prefix length out of range";
        }
        return null;
    }

    /** {@code ValidateIPAddress}. */
    public static String ipAddress(String addr) {
        return isIp(addr) ? null : addr + " is not a valid IP";
    }

    /** {@code ValidateIPSubnet}: a CIDR when it has exactly one '/', else an IP. */
    public static String ipSubnet(String s) {
        if (s.chars().filter(c -> c == '/').count() == 1) {
            return parsePrefixError(s) == null ? null : s + " is not a valid CIDR block";
        }
        return ipAddress(s);
    }

    /** {@code ValidateUnixAddress} on the path after {@code unix://}. */
    public static String unixAddress(String path) {
        if (path.isEmpty()) {
            return "unix address must not be empty";
        }
        if (path.startsWith("@")) {
            return null;
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            return path + " is not an absolute path to a file";
        }
        return null;
    }

    /** {@code ValidateProtocol}: empty allowed (sniffing). */
    public static String protocol(String p) {
        if (p.isEmpty() || PROTOCOLS.contains(p.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "unsupported protocol: " + p;
    }

    /** Protocol classes of {@code protocol.Parse}; unknown names are none of them. */
    public static boolean isHttpLike(String p) {
        String l = p.toLowerCase(Locale.ROOT);
        return l.equals("http") || l.equals("http2") || l.equals("http_proxy") || l.equals("grpc") || l.equals("grpc-web");
    }

    public static boolean isTlsLike(String p) {
        String l = p.toLowerCase(Locale.ROOT);
        return l.equals("https") || l.equals("tls");
    }

    public static boolean isTcpLike(String p) {
        String l = p.toLowerCase(Locale.ROOT);
        return l.equals("tcp") || l.equals("https") || l.equals("tls") || l.equals("mongo") || l.equals("redis")
                || l.equals("mysql");
    }
}
