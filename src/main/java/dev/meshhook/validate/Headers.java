package dev.meshhook.validate;

import java.util.Locale;

/** HTTP header names and values (§2.1.6). Checks return Istio's error text, or null when valid. */
public final class Headers {
    private Headers() {}

    private static final String JWT_CLAIM_PREFIX = "@request.auth.claims";

    /**
     * RFC 7230 token as Istio's regex {@code ^[!#$%&'*+-.^_`|~A-Za-z0-9]+$} reads: {@code +-.} is a
     * character range and so also admits ',' (kept for compatibility, §5 item 17).
     */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c >= '+' && c <= '.') || "!#$%&'*^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the name is a JWT-claim route key ({@code @request.auth.claims.a.b} or {@code [a][b]}). */
    public static boolean isJwtClaimRoute(String name) {
        if (!startsWithPrefixIgnoringCase(name)) {
            return false;
        }
        String rest = name.substring(JWT_CLAIM_PREFIX.length());
        if (rest.startsWith(".") && rest.length() > 1) {
            return true;
        }
        return rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2;
    }

    /**
     * {@code name.toLowerCase(Locale.ROOT).startsWith(JWT_CLAIM_PREFIX)} without the copy. The prefix is lower-case
     * ASCII; the only non-ASCII character that lower-cases to one of its letters is U+0130, which becomes "i" plus a
     * combining dot and so can never match, hence folding ASCII letters alone gives the same answer.
     */
    private static boolean startsWithPrefixIgnoringCase(String name) {
        int n = JWT_CLAIM_PREFIX.length();
        if (name.length() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != JWT_CLAIM_PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** VirtualService match {@code headers}/{@code withoutHeaders} keys. */
    public static String matchHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (isJwtClaimRoute(name)) {
            return null;
        }
        switch (name) {
            case ":method", ":scheme", ":authority", ":path", ":status":
                return null;
            default:
                return isToken(name) ? null : "header name " + name + " is not a valid header name";
        }
    }

    /** CORS allowHeaders/exposeHeaders entries. */
    public static String corsHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equals("*")) {
            return null;
        }
        return isToken(name) ? null : "header name " + name + " is not a valid header name";
    }

    /** RequestAuthentication outputClaimToHeaders header: {@code ^[-_A-Za-z0-9]+$}. */
    public static String strictHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '-' || c == '_' || Character.isLetterOrDigit(c) && c < 128)) {
                return "header name " + name + " is not a valid header name";
            }
        }
        return null;
    }

    /** WorkloadGroup httpGet probe header: {@code ^[-A-Za-z0-9]+$}. */
    public static String probeHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
                return "header name " + name + " is not a valid header name";
            }
        }
        return null;
    }

    /** Request add/set names: {@code host} and {@code :authority} allowed (authority rewrite). */
    public static String requestAddSetName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.startsWith(":") && !name.equalsIgnoreCase(":authority")) {
            return "invalid header " + GoFormat.quote(name) + ": header cannot have \":\" prefix";
        }
        return null;
    }

    /** Request remove and all response operations: no Host, no pseudo headers. */
    public static String strictHostHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equalsIgnoreCase("host")) {
            return "invalid header " + GoFormat.quote(name) + ": cannot set Host header";
        }
        if (name.startsWith(":")) {
            return "invalid header " + GoFormat.quote(name) + ": header cannot have \":\" prefix";
        }
        return null;
    }

    /** Add/set header values: control characters and Envoy's header-formatter syntax. */
    public static String headerValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c <= 0x08) || (c >= 0x0a && c <= 0x1f) || c == 0x7f) {
                return "header value configuration " + value + " is invalid";
            }
        }
        String e = formatterError(value);
        return e == null ? null : "header value configuration: " + e;
    }

    private enum State { LITERAL, VARIABLE_NAME, EXPECT_ARRAY, EXPECT_STRING, STRING, EXPECT_DELIMITER_OR_END,
        EXPECT_ARGS_END, EXPECT_VARIABLE_END }

    /** Envoy's header formatter parse ({@code %VAR%}, {@code %VAR(args)%}, {@code %%}). */
    private static String formatterError(String v) {
        State st = State.LITERAL;
        int n = v.length();
        for (int pos = 0; pos < n; pos++) {
            char ch = v.charAt(pos);
            boolean hasNext = pos + 1 < n;
            switch (st) {
                case LITERAL:
                    if (ch != '%') {
                        break;
                    }
                    if (!hasNext) {
                        return "invalid header configuration. Un-escaped %";
                    }
                    if (v.charAt(pos + 1) == '%') {
                        pos++;
                        break;
                    }
                    st = State.VARIABLE_NAME;
                    break;
                case VARIABLE_NAME:
                    if (ch == '%') {
                        st = State.LITERAL;
                    } else if (ch == '(') {
                        st = State.EXPECT_ARRAY;
                    }
                    break;
                case EXPECT_ARRAY:
                    if (ch == '[') {
                        st = State.EXPECT_STRING;
                    } else if (ch != ' ') {
                        st = State.STRING;
                    }
                    break;
                case EXPECT_DELIMITER_OR_END:
                    if (ch == ',') {
                        st = State.EXPECT_STRING;
                    } else if (ch == ']') {
                        st = State.EXPECT_ARGS_END;
                    } else if (ch != ' ') {
                        return "invalid header configuration. Expecting ',', ']', or whitespace";
                    }
                    break;
                case EXPECT_STRING:
                    if (ch == '"') {
                        st = State.STRING;
                    } else if (ch != ' ') {
                        return "invalid header configuration. Expecting '\"'";
                    }
                    break;
                case STRING:
                    if (ch == '\\') {
                        if (!hasNext) {
                            return "invalid header configuration. Un-terminated backslash in JSON string";
                        }
                        pos++;
                    } else if (ch == ')') {
                        st = State.EXPECT_VARIABLE_END;
                    } else if (ch == '"') {
                        st = State.EXPECT_DELIMITER_OR_END;
                    }
                    break;
                case EXPECT_ARGS_END:
                    if (ch == ')') {
                        st = State.EXPECT_VARIABLE_END;
                    } else if (ch != ' ') {
                        return "invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'";
                    }
                    break;
                case EXPECT_VARIABLE_END:
                    if (ch == '%') {
                        st = State.LITERAL;
                    } else if (ch != ' ') {
                        return "invalid header configuration. Expecting '%' or whitespace after";
                    }
                    break;
                default:
                    break;
            }
        }
        if (st != State.LITERAL) {
            return "invalid header configuration. Un-terminated variable expression '" + v + "'";
        }
        return null;
    }
}
