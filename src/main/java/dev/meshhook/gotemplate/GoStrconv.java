package dev.meshhook.gotemplate;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Go strconv pieces the parser needs: Unquote, number literal parsing (Go syntax, incl. underscores and prefixes). */
final class GoStrconv {
    private GoStrconv() {}

    /** Go strconv.Unquote for "..." and `...` literals; IllegalArgumentException("invalid syntax") otherwise. */
    static String unquote(String s) {
        int n = s.length();
        if (n < 2) {
            throw new IllegalArgumentException("invalid syntax");
        }
        char q = s.charAt(0);
        if (q != s.charAt(n - 1)) {
            throw new IllegalArgumentException("invalid syntax");
        }
        String body = s.substring(1, n - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("invalid syntax");
            }
            return body.indexOf('\r') >= 0 ? body.replace("\r", "") : body;
        }
        if (q != '"' && q != '\'') {
            throw new IllegalArgumentException("invalid syntax");
        }
        if (body.indexOf('\\') < 0 && body.indexOf(q) < 0 && body.indexOf('\n') < 0) {
            if (q == '"') {
                return body;
            }
        }
        StringBuilder sb = new StringBuilder();
        int[] p = {0};
        while (p[0] < body.length()) {
            if (q == '\'' && sb.length() > 0) {
                throw new IllegalArgumentException("invalid syntax");
            }
            unquoteChar(body, p, q, sb);
        }
        if (q == '\'' && sb.length() == 0) {
            throw new IllegalArgumentException("invalid syntax");
        }
        return sb.toString();
    }

    /**
     * Go strconv.UnquoteChar: decodes one (possibly escaped) character at p[0] of s, appending its UTF-8-equivalent
     * Java text (\x and octal escapes of bytes >= 0x80 are kept as Latin-1 code points) and advancing p[0].
     * Returns the rune value.
     */
    static int unquoteChar(String s, int[] p, char quote, StringBuilder out) {
        int i = p[0];
        int c = s.codePointAt(i);
        if (c == quote && (quote == '\'' || quote == '"')) {
            throw new IllegalArgumentException("invalid syntax");
        }
        if (c != '\\') {
            if (c == '\n') {
                throw new IllegalArgumentException("invalid syntax");
            }
            out.appendCodePoint(c);
            p[0] = i + Character.charCount(c);
            return c;
        }
        if (i + 1 >= s.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        char e = s.charAt(i + 1);
        i += 2;
        int v;
        switch (e) {
            case 'a': v = 7; break;
            case 'b': v = 8; break;
            case 'f': v = 12; break;
            case 'n': v = 10; break;
            case 'r': v = 13; break;
            case 't': v = 9; break;
            case 'v': v = 11; break;
            case 'x': case 'u': case 'U': {
                int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + len > s.length()) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                v = 0;
                for (int j = 0; j < len; j++) {
                    int d = Character.digit(s.charAt(i + j), 16);
                    if (d < 0) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    v = v * 16 + d;
                }
                i += len;
                if (e != 'x' && (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                break;
            }
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                v = e - '0';
                if (i + 2 > s.length()) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                for (int j = 0; j < 2; j++) {
                    int d = s.charAt(i + j) - '0';
                    if (d < 0 || d > 7) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    v = v * 8 + d;
                }
                i += 2;
                if (v > 255) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                break;
            }
            case '\\': v = '\\'; break;
            case '\'': case '"':
                if (e != quote) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                v = e;
                break;
            default:
                throw new IllegalArgumentException("invalid syntax");
        }
        out.appendCodePoint(v);
        p[0] = i;
        return v;
    }

    private static final Pattern DEC_FLOAT = Pattern.compile("[+-]?(?:[0-9_]+(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?");
    private static final Pattern HEX_FLOAT = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F_]+(?:\\.[0-9a-fA-F_]*)?|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+");

    /** Go's underscoreOK. */
    static boolean underscoreOK(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char l = Character.toLowerCase(s.charAt(1));
            if (l == 'b' || l == 'o' || l == 'x') {
                i = 2;
                saw = '0';
                hex = l == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lc = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lc >= 'a' && lc <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** Go strconv.ParseFloat(s, 64) for literal syntax; null when invalid or out of range. */
    static Double parseFloat(String s) {
        if (!(DEC_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches()) || !underscoreOK(s)) {
            return null;
        }
        String t = s.replace("_", "");
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Double.isInfinite(d)) {
            return null;
        }
        return d;
    }

    /** Go strconv.ParseUint/ParseInt(s, 0, 64) magnitude: returns null when invalid syntax. Handles sign. */
    static BigInteger parseIntBase0(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String t = s;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int base = 10;
        if (t.length() >= 2 && t.charAt(0) == '0') {
            char l = Character.toLowerCase(t.charAt(1));
            if (l == 'x') {
                base = 16;
                t = t.substring(2);
            } else if (l == 'o') {
                base = 8;
                t = t.substring(2);
            } else if (l == 'b') {
                base = 2;
                t = t.substring(2);
            } else {
                base = 8;
                t = t.substring(1);
            }
        }
        if (!underscoreOK(s)) {
            return null;
        }
        t = t.replace("_", "");
        if (t.isEmpty()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), base) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(t, base);
        return neg ? v.negate() : v;
    }

    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_I64 = BigInteger.valueOf(Long.MAX_VALUE);

    /** Go parse.newNumber. */
    static Node.NumberNode newNumber(Tree tree, int pos, String text, Lexer.T typ) {
        Node.NumberNode n = new Node.NumberNode(tree, pos, text);
        if (typ == Lexer.T.CHAR_CONSTANT) {
            StringBuilder sb = new StringBuilder();
            int[] p = {1};
            int r = unquoteChar(text, p, '\'', sb);
            if (!text.substring(p[0]).equals("'")) {
                throw new IllegalArgumentException("malformed character constant: " + text);
            }
            n.int64 = r;
            n.isInt = true;
            n.uint64 = r;
            n.isUint = true;
            n.float64 = r;
            n.isFloat = true;
            return n;
        }
        if (typ == Lexer.T.COMPLEX) {
            int split = -1;
            for (int i = text.length() - 2; i > 0; i--) {
                char c = text.charAt(i);
                if ((c == '+' || c == '-') && Character.toLowerCase(text.charAt(i - 1)) != 'e'
                        && Character.toLowerCase(text.charAt(i - 1)) != 'p') {
                    split = i;
                    break;
                }
            }
            Double re = split > 0 ? parseFloat(text.substring(0, split)) : null;
            Double im = split > 0 ? parseFloat(text.substring(split, text.length() - 1)) : null;
            if (re == null || im == null) {
                throw new IllegalArgumentException("expected integer");
            }
            n.isComplex = true;
            n.complex = new GoComplex(re, im);
            simplifyComplex(n);
            return n;
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == 'i') {
            Double f = parseFloat(text.substring(0, text.length() - 1));
            if (f != null) {
                n.isComplex = true;
                n.complex = new GoComplex(0, f);
                simplifyComplex(n);
                return n;
            }
        }
        BigInteger bi = parseIntBase0(text);
        if (bi != null) {
            boolean signed = text.startsWith("-") || text.startsWith("+");
            if (!signed && bi.signum() >= 0 && bi.compareTo(MAX_U64) <= 0) {
                n.isUint = true;
                n.uint64 = bi.longValue();
            }
            if (bi.compareTo(MIN_I64) >= 0 && bi.compareTo(MAX_I64) <= 0) {
                n.isInt = true;
                n.int64 = bi.longValue();
                if (n.int64 == 0) {
                    n.isUint = true;
                    n.uint64 = 0;
                }
            }
        }
        if (n.isInt) {
            n.isFloat = true;
            n.float64 = n.int64;
        } else if (n.isUint) {
            n.isFloat = true;
            n.float64 = unsignedToDouble(n.uint64);
        } else {
            Double f = parseFloat(text);
            if (f != null) {
                if (!(text.contains(".") || text.contains("e") || text.contains("E") || text.contains("p") || text.contains("P"))) {
                    throw new IllegalArgumentException("integer overflow: " + GoFmt.quote(text));
                }
                n.isFloat = true;
                n.float64 = f;
                if (!n.isInt && f == Math.rint(f) && f >= -0x1p63 && f < 0x1p63) {
                    n.isInt = true;
                    n.int64 = (long) (double) f;
                }
                if (!n.isUint && f == Math.rint(f) && f >= 0 && f < 0x1p64) {
                    n.isUint = true;
                    n.uint64 = new java.math.BigDecimal(f).toBigInteger().longValue();
                }
            }
        }
        if (!n.isInt && !n.isUint && !n.isFloat) {
            throw new IllegalArgumentException("illegal number syntax: " + GoFmt.quote(text));
        }
        return n;
    }

    static double unsignedToDouble(long u) {
        if (u >= 0) {
            return u;
        }
        return new BigInteger(Long.toUnsignedString(u)).doubleValue();
    }

    private static void simplifyComplex(Node.NumberNode n) {
        n.isFloat = n.complex.im() == 0;
        if (n.isFloat) {
            double f = n.complex.re();
            n.float64 = f;
            n.isInt = f == Math.rint(f) && f >= -0x1p63 && f < 0x1p63;
            if (n.isInt) {
                n.int64 = (long) f;
            }
            n.isUint = f == Math.rint(f) && f >= 0 && f < 0x1p64;
            if (n.isUint) {
                n.uint64 = new java.math.BigDecimal(f).toBigInteger().longValue();
            }
        }
    }
}
