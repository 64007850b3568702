package dev.meshhook.validate;

import java.math.BigDecimal;

/** Go {@code fmt} renderings that Istio's messages embed: {@code %q} strings and {@code %v}/{@code %f} floats. */
public final class GoFormat {
    private GoFormat() {}

    /** Go {@code strconv.Quote}/{@code %q}: double-quoted with Go escapes. */
    public static String quote(String s) {
        if (isPlainAscii(s)) {
            return "\"" + s + "\"";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"': b.append("\\\""); continue;
                case '\\': b.append("\\\\"); continue;
                case 7: b.append("\\a"); continue;
                case '\b': b.append("\\b"); continue;
                case '\f': b.append("\\f"); continue;
                case '\n': b.append("\\n"); continue;
                case '\r': b.append("\\r"); continue;
                case '\t': b.append("\\t"); continue;
                case 11: b.append("\\v"); continue;
                default:
            }
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp < 0x80 || isPrint(cp)) {
                b.appendCodePoint(cp);
            } else if (cp < 0x10000) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.append(String.format("\\U%08x", cp));
            }
        }
        return b.append('"').toString();
    }

    /** Printable ASCII without {@code "} and {@code \\}: quoted as is. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrint(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.UNASSIGNED:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Go {@code %v} of a float64: shortest digits; exponent form ({@code 1e-05}, {@code 1e+06}) when the exponent is below -4 or at least 6. */
    public static String floatV(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        StringBuilder b = new StringBuilder();
        if (v < 0) {
            b.append('-');
        }
        if (exp < -4 || exp >= 6) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                b.append('0');
            }
            b.append(ae);
            return b.toString();
        }
        b.append(bd.toPlainString());
        return b.toString();
    }

    /** Go {@code %f}: six decimals, half-even on the exact binary value as Go rounds. */
    public static String floatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
