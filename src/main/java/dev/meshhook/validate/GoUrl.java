package dev.meshhook.validate;

/**
 * The parts of Go's {@code net/url} parser that Istio's URL checks observe (RequestAuthentication jwksUri, WasmPlugin
 * url): {@code url.Parse} and {@code url.ParseRequestURI} with their acceptance rules and error texts
 * ({@code parse "<url>": <detail>}).
 */
final class GoUrl {
    /** A parsed URL: only the fields the validators read. */
    record Parsed(String scheme, String host, String port, String opaque, String path) {}

    /** A URL Go rejects; the message is Go's {@code *url.Error} text. */
    static final class UrlException extends Exception {
        UrlException(String op, String url, String detail) {
            super(op + " " + GoFormat.quote(url) + ": " + detail, null, false, false);
        }
    }

    private GoUrl() {}

    /** Go {@code url.Parse}: an absolute or relative URL, with an optional fragment. */
    static Parsed parse(String raw) throws UrlException {
        int hash = raw.indexOf('#');
        String u = hash >= 0 ? raw.substring(0, hash) : raw;
        Parsed p;
        try {
            p = parseInternal(u, false);
        } catch (Detail d) {
            throw new UrlException("parse", u, d.getMessage());
        }
        if (hash >= 0) {
            String frag = raw.substring(hash + 1);
            try {
                unescape(frag, Mode.FRAGMENT);
            } catch (Detail d) {
                throw new UrlException("parse", raw, d.getMessage());
            }
        }
        return p;
    }

    /** Go {@code url.ParseRequestURI}: an absolute URL or an absolute path, no fragment handling. */
    static Parsed parseRequestUri(String raw) throws UrlException {
        try {
            return parseInternal(raw, true);
        } catch (Detail d) {
            throw new UrlException("parse", raw, d.getMessage());
        }
    }

    /** An error detail inside the parser (wrapped into {@link UrlException} by the entry points). */
    private static final class Detail extends Exception {
        Detail(String message) {
            super(message, null, false, false);
        }
    }

    private enum Mode { PATH, HOST, ZONE, USER, FRAGMENT }

    private static Parsed parseInternal(String raw, boolean viaRequest) throws Detail {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Detail("net/url: invalid control character in URL");
            }
        }
        if (raw.isEmpty() && viaRequest) {
            throw new Detail("empty url");
        }
        if (raw.equals("*")) {
            return new Parsed("", "", "", "", "*");
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new Detail("missing protocol scheme");
                }
                scheme = raw.substring(0, i).toLowerCase(java.util.Locale.ROOT);
                rest = raw.substring(i + 1);
            }
            break;
        }
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new Parsed(scheme, "", "", rest, "");
            }
            if (viaRequest) {
                throw new Detail("invalid URI for request");
            }
            int slash = rest.indexOf('/');
            String segment = slash >= 0 ? rest.substring(0, slash) : rest;
            if (segment.contains(":")) {
                throw new Detail("first path segment in URL cannot contain colon");
            }
        }
        String host = "";
        String port = "";
        if ((!scheme.isEmpty() || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            rest = "";
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            }
            int at = authority.lastIndexOf('@');
            String hostPart = at >= 0 ? authority.substring(at + 1) : authority;
            host = parseHost(hostPart);
            if (at >= 0) {
                String userinfo = authority.substring(0, at);
                if (!validUserinfo(userinfo)) {
                    throw new Detail("net/url: invalid userinfo");
                }
                unescape(userinfo, Mode.USER);
            }
            port = portOf(host);
        }
        unescape(rest, Mode.PATH);
        return new Parsed(scheme, host, port, "", rest);
    }

    private static String portOf(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return "";
        }
        if (host.startsWith("[") && host.lastIndexOf(']') > colon) {
            return "";
        }
        String p = host.substring(colon + 1);
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                return "";
            }
        }
        return p;
    }

    private static String parseHost(String host) throws Detail {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new Detail("missing ']' in host");
            }
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) {
                throw new Detail("invalid port " + GoFormat.quote(colonPort) + " after host");
            }
            String inside = host.substring(1, close);
            int zone = inside.indexOf("%25");
            if (zone >= 0) {
                unescape(inside.substring(0, zone), Mode.HOST);
                unescape(inside.substring(zone), Mode.ZONE);
                unescape(colonPort, Mode.HOST);
                return host;
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                String colonPort = host.substring(colon);
                if (!validOptionalPort(colonPort)) {
                    throw new Detail("invalid port " + GoFormat.quote(colonPort) + " after host");
                }
            }
        }
        unescape(host, Mode.HOST);
        return host;
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean validUserinfo(String s) {
        for (int i = 0; i < s.length(); i++) {
            char r = s.charAt(i);
            if ((r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) {
                continue;
            }
            if ("-._:~!$&'()*+,;=%@".indexOf(r) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code unescape}: validates percent escapes and, for hosts, the allowed characters. */
    private static void unescape(String s, Mode mode) throws Detail {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; ) {
            int c = b[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
                    String bad = new String(b, i, Math.min(3, b.length - i), java.nio.charset.StandardCharsets.UTF_8);
                    throw new Detail("invalid URL escape " + GoFormat.quote(bad));
                }
                if (mode == Mode.HOST && unhex(b[i + 1]) < 8 && !(b[i + 1] == '2' && b[i + 2] == '5')) {
                    throw new Detail("invalid URL escape "
                        + GoFormat.quote(new String(b, i, 3, java.nio.charset.StandardCharsets.UTF_8)));
                }
                i += 3;
                continue;
            }
            if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscapeInHost(c)) {
                throw new Detail("invalid character " + GoFormat.quote(String.valueOf((char) c)) + " in host name");
            }
            i++;
        }
    }

    private static boolean shouldEscapeInHost(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return false;
        }
        return "!$&'()*+,;=:[]<>\"-_.~".indexOf(c) < 0;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int unhex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c - 'A' + 10;
    }
}
