package dev.meshhook.gotemplate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's fmt (Sprint, Sprintln, Sprintf) and strconv float/quote formatting over the value model. */
public final class GoFmt {
    private GoFmt() {}

    // ---------------------------------------------------------------- strconv

    /** Go strconv.Quote. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s, '"', false);
        return sb.toString();
    }

    static void appendQuoted(StringBuilder sb, String s, char q, boolean asciiOnly) {
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            appendEscapedRune(sb, c, q, asciiOnly);
        }
        sb.append(q);
    }

    static void appendEscapedRune(StringBuilder sb, int c, char q, boolean asciiOnly) {
        if (c == q || c == '\\') {
            sb.append('\\').appendCodePoint(c);
            return;
        }
        if (asciiOnly ? (c < 0x80 && isPrint(c)) : isPrint(c)) {
            sb.appendCodePoint(c);
            return;
        }
        switch (c) {
            case 7: sb.append("\\a"); return;
            case 8: sb.append("\\b"); return;
            case 12: sb.append("\\f"); return;
            case 10: sb.append("\\n"); return;
            case 13: sb.append("\\r"); return;
            case 9: sb.append("\\t"); return;
            case 11: sb.append("\\v"); return;
            default:
                if (c < ' ' || c == 0x7F) {
                    sb.append("\\x").append(hex2(c));
                } else if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                    sb.append("\\ufffd");
                } else if (c < 0x10000) {
                    sb.append("\\u").append(String.format("%04x", c));
                } else {
                    sb.append("\\U").append(String.format("%08x", c));
                }
        }
    }

    private static String hex2(int c) {
        return "" + Character.forDigit(c >> 4 & 0xF, 16) + Character.forDigit(c & 0xF, 16);
    }

    /** Go strconv.IsPrint (approximated with Unicode general categories: L, M, N, P, S and ASCII space). */
    static boolean isPrint(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7F;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL: case Character.FORMAT: case Character.SURROGATE: case Character.PRIVATE_USE:
            case Character.UNASSIGNED: case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** {@code %U} / {@code %#U} of a rune. */
    static String formatU(int r, boolean sharp) {
        if (r < 0) {
            return "EOF";
        }
        String h = Integer.toHexString(r).toUpperCase();
        while (h.length() < 4) {
            h = "0" + h;
        }
        String s = "U+" + h;
        if (sharp && isPrint(r)) {
            s += " '" + new String(Character.toChars(r)) + "'";
        }
        return s;
    }

    /** Decimal digits of a float: value = 0.d × 10^dp; d has no trailing zeros; zero has d="" dp=0. */
    private static final class Digits {
        String d;
        int dp;

        Digits(String d, int dp) {
            this.d = d;
            this.dp = dp;
        }
    }

    private static Digits digitsOf(BigDecimal bd) {
        bd = bd.abs().stripTrailingZeros();
        if (bd.signum() == 0) {
            return new Digits("", 0);
        }
        String u = bd.unscaledValue().toString();
        int dp = u.length() - bd.scale();
        return new Digits(u, dp);
    }

    private static Digits shortest(double v, int bitSize) {
        double a = Math.abs(v);
        if (a == 0) {
            return new Digits("", 0);
        }
        if (bitSize == 64 && a == Math.rint(a) && a < 1e15) {
            return digitsOf(BigDecimal.valueOf((long) a));
        }
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            boolean ok = bitSize == 32 ? r.floatValue() == (float) a : r.doubleValue() == a;
            if (ok) {
                return digitsOf(r);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static Digits roundedSig(double v, int sig) {
        BigDecimal exact = new BigDecimal(Math.abs(v));
        if (exact.signum() == 0) {
            return new Digits("", 0);
        }
        return digitsOf(exact.round(new MathContext(Math.max(sig, 1), RoundingMode.HALF_EVEN)));
    }

    /** Go strconv.FormatFloat(v, fmt, prec, bitSize) for fmt in e, E, f, F, g, G. */
    public static String formatFloat(double v, char fmt, int prec, int bitSize) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        boolean shortest = prec < 0;
        Digits digs;
        char f = fmt == 'F' ? 'f' : fmt;
        if (shortest) {
            digs = shortest(v, bitSize);
            switch (f) {
                case 'e': case 'E': prec = Math.max(digs.d.length() - 1, 0); break;
                case 'f': prec = Math.max(digs.d.length() - digs.dp, 0); break;
                default: prec = digs.d.length(); break;
            }
        } else {
            switch (f) {
                case 'e': case 'E':
                    digs = roundedSig(v, prec + 1);
                    break;
                case 'f': {
                    BigDecimal r = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN);
                    digs = digitsOf(r);
                    break;
                }
                default:
                    if (prec == 0) {
                        prec = 1;
                    }
                    digs = roundedSig(v, prec);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (neg) {
            sb.append('-');
        }
        switch (f) {
            case 'e': case 'E':
                fmtE(sb, digs, prec, f);
                break;
            case 'f':
                fmtF(sb, digs, prec);
                break;
            case 'g': case 'G': {
                int eprec = prec;
                int nd = digs.d.length();
                if (eprec > nd && nd >= digs.dp) {
                    eprec = nd;
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > nd) {
                        prec = nd;
                    }
                    fmtE(sb, digs, prec - 1, f == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digs.dp) {
                        prec = nd;
                    }
                    fmtF(sb, digs, Math.max(prec - digs.dp, 0));
                }
                break;
            }
            default:
                throw new IllegalArgumentException("bad float format " + fmt);
        }
        return sb.toString();
    }

    private static void fmtE(StringBuilder sb, Digits d, int prec, char e) {
        sb.append(d.d.isEmpty() ? '0' : d.d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                sb.append(i < d.d.length() ? d.d.charAt(i) : '0');
            }
        }
        sb.append(e);
        int exp = d.d.isEmpty() ? 0 : d.dp - 1;
        if (exp < 0) {
            sb.append('-');
            exp = -exp;
        } else {
            sb.append('+');
        }
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits d, int prec) {
        if (d.dp > 0) {
            int m = Math.min(d.d.length(), d.dp);
            sb.append(d.d, 0, m);
            for (int i = m; i < d.dp; i++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                int j = d.dp + i;
                sb.append(j >= 0 && j < d.d.length() ? d.d.charAt(j) : '0');
            }
        }
    }

    // ---------------------------------------------------------------- Sprint family

    /** Go fmt.Sprint. */
    public static String sprint(Object... args) {
        Pp p = new Pp();
        boolean prevString = false;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            boolean isString = a instanceof String;
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.printArg(a, 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** Go fmt.Sprintln. */
    public static String sprintln(Object... args) {
        Pp p = new Pp();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(args[i], 'v');
        }
        p.buf.append('\n');
        return p.buf.toString();
    }

    /** Go fmt.Sprintf. */
    public static String sprintf(String format, Object... args) {
        Pp p = new Pp();
        p.doPrintf(format, args);
        return p.buf.toString();
    }

    /** fmt %v of one value. */
    static String sprintValue(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        Pp p = new Pp();
        p.printArg(v, 'v');
        return p.buf.toString();
    }

    private static final class Pp {
        final StringBuilder buf = new StringBuilder();
        // flags
        boolean plus, minus, sharp, space, zero, plusV, sharpV;
        boolean widPresent, precPresent;
        int wid, prec;
        Object arg;

        void clearFlags() {
            plus = minus = sharp = space = zero = plusV = sharpV = false;
            widPresent = precPresent = false;
            wid = prec = 0;
        }

        void writePadding(int n, boolean zeros) {
            for (int i = 0; i < n; i++) {
                buf.append(zeros ? '0' : ' ');
            }
        }

        void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (!minus) {
                writePadding(width, zero);
                buf.append(s);
            } else {
                buf.append(s);
                writePadding(width, false);
            }
        }

        void badVerb(char verb) {
            buf.append("%!").append(verb).append('(');
            if (arg != null) {
                buf.append(typeName(arg)).append('=');
                Object saved = arg;
                boolean[] f = saveFlags();
                clearFlags();
                printArg(saved, 'v');
                restoreFlags(f);
                arg = saved;
            } else {
                buf.append("<nil>");
            }
            buf.append(')');
        }

        private boolean[] saveFlags() { return new boolean[] {plus, minus, sharp, space, zero, plusV, sharpV, widPresent, precPresent}; }

        private void restoreFlags(boolean[] f) {
            plus = f[0];
            minus = f[1];
            sharp = f[2];
            space = f[3];
            zero = f[4];
            plusV = f[5];
            sharpV = f[6];
            widPresent = f[7];
            precPresent = f[8];
        }

        void printArg(Object a, char verb) {
            arg = a;
            if (a == null || a == GoValues.MISSING) {
                if (verb == 'T' || verb == 'v') {
                    pad("<nil>");
                } else {
                    badVerb(verb);
                }
                return;
            }
            if (verb == 'T') {
                fmtS(typeName(a));
                return;
            }
            if (a instanceof Boolean) {
                if (verb == 't' || verb == 'v') {
                    pad((Boolean) a ? "true" : "false");
                } else {
                    badVerb(verb);
                }
                return;
            }
            if (a instanceof String) {
                fmtString((String) a, verb);
                return;
            }
            if (a instanceof Double || a instanceof Float) {
                fmtFloat(((Number) a).doubleValue(), a instanceof Float ? 32 : 64, verb);
                return;
            }
            if (a instanceof GoInt && ((GoInt) a).enumName() != null && isStringVerb(verb) && !sharpV) {
                fmtString(((GoInt) a).enumName(), verb);
                return;
            }
            if (GoValues.isInteger(a)) {
                fmtInteger(GoValues.intBits(a), GoValues.isSignedInt(a), verb);
                return;
            }
            if (a instanceof GoComplex) {
                fmtComplex((GoComplex) a, verb);
                return;
            }
            if (a instanceof GoStringer && isStringVerb(verb) && !sharpV) {
                fmtString(((GoStringer) a).goString(), verb);
                return;
            }
            printValue(a, verb, 0);
        }

        private boolean isStringVerb(char verb) {
            return verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q';
        }

        private String typeName(Object a) { return GoValues.typeName(a); }

        void printValue(Object v, char verb, int depth) {
            if (depth > 0 && v != null && v != GoValues.MISSING) {
                if (v instanceof GoStringer && isStringVerb(verb) && !sharpV) {
                    fmtString(((GoStringer) v).goString(), verb);
                    return;
                }
                if (!(v instanceof Map || v instanceof List || v instanceof GoMap || v instanceof GoSlice || v instanceof GoStruct)) {
                    Object saved = arg;
                    printArg(v, verb);
                    arg = saved;
                    return;
                }
            }
            if (v == null || v == GoValues.MISSING) {
                if (depth == 0) {
                    buf.append("<invalid reflect.Value>");
                } else {
                    buf.append(sharpV ? "interface {}(nil)" : "<nil>");
                }
                return;
            }
            String sep = sharpV ? ", " : " ";
            Map<Object, Object> m = GoValues.mapOf(v);
            if (m != null) {
                if (sharpV) {
                    buf.append(typeName(v));
                    if (v instanceof GoMap && ((GoMap) v).isNil()) {
                        buf.append("(nil)");
                        return;
                    }
                    buf.append('{');
                } else {
                    buf.append("map[");
                }
                List<Object> keys = sortedKeys(m);
                boolean first = true;
                for (Object k : keys) {
                    if (!first) {
                        buf.append(sep);
                    }
                    first = false;
                    printValue(k, verb, depth + 1);
                    buf.append(':');
                    printValue(m.get(k), verb, depth + 1);
                }
                buf.append(sharpV ? '}' : ']');
                return;
            }
            List<Object> l = GoValues.listOf(v);
            if (l != null) {
                if (sharpV) {
                    buf.append(typeName(v));
                    if (v instanceof GoSlice && ((GoSlice) v).isNil()) {
                        buf.append("(nil)");
                        return;
                    }
                    buf.append('{');
                } else {
                    buf.append('[');
                }
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        buf.append(sep);
                    }
                    printValue(l.get(i), verb, depth + 1);
                }
                buf.append(sharpV ? '}' : ']');
                return;
            }
            if (v instanceof GoStruct) {
                GoStruct s = (GoStruct) v;
                if (s.isNilPointer()) {
                    buf.append(sharpV ? "(" + typeName(v) + ")(nil)" : "<nil>");
                    return;
                }
                if (s.goType().kind() == GoType.Kind.POINTER) {
                    buf.append('&');
                }
                if (sharpV) {
                    String tn = typeName(v);
                    buf.append(tn.startsWith("*") ? tn.substring(1) : tn);
                }
                buf.append('{');
                if (s instanceof GoStructValue) {
                    GoStructValue sv = (GoStructValue) s;
                    List<GoStructType.Field> fs = sv.schema().fields();
                    for (int i = 0; i < fs.size(); i++) {
                        if (i > 0) {
                            buf.append(sep);
                        }
                        if (plusV || sharpV) {
                            buf.append(fs.get(i).goName()).append(':');
                        }
                        printValue(sv.get(fs.get(i).goName()), verb, depth + 1);
                    }
                } else {
                    buf.append(GoJson.encode(s));
                }
                buf.append('}');
                return;
            }
            if (v instanceof Function || v instanceof GoMethod) {
                buf.append(sharpV ? "(func)(0x1)" : "0x1");
                return;
            }
            badVerb(verb);
        }

        void fmtS(String s) {
            if (precPresent) {
                int n = s.codePointCount(0, s.length());
                if (prec < n) {
                    s = s.substring(0, s.offsetByCodePoints(0, prec));
                }
            }
            pad(s);
        }

        void fmtString(String s, char verb) {
            switch (verb) {
                case 'v':
                    if (sharpV) {
                        fmtQ(s);
                    } else {
                        fmtS(s);
                    }
                    return;
                case 's':
                    fmtS(s);
                    return;
                case 'x': case 'X':
                    fmtSx(s, verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF");
                    return;
                case 'q':
                    fmtQ(s);
                    return;
                default:
                    badVerb(verb);
            }
        }

        void fmtQ(String s) {
            if (precPresent) {
                int n = s.codePointCount(0, s.length());
                if (prec < n) {
                    s = s.substring(0, s.offsetByCodePoints(0, prec));
                }
            }
            StringBuilder sb = new StringBuilder();
            if (sharp && s.indexOf('`') < 0 && canBackquote(s)) {
                sb.append('`').append(s).append('`');
            } else {
                appendQuoted(sb, s, '"', plus);
            }
            pad(sb.toString());
        }

        private boolean canBackquote(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < ' ' && c != '\t') || c == 0x7F || c == '\uFEFF') {
                    return false;
                }
            }
            return true;
        }

        void fmtSx(String s, String digits) {
            byte[] b = GoStrings.utf8(s);
            int length = b.length;
            if (precPresent && prec < length) {
                length = prec;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (space && i > 0) {
                    sb.append(' ');
                }
                if (sharp && (space || i == 0)) {
                    sb.append('0').append(digits.charAt(10) == 'a' ? 'x' : 'X');
                }
                sb.append(digits.charAt(b[i] >> 4 & 0xF)).append(digits.charAt(b[i] & 0xF));
            }
            pad(sb.toString());
        }

        void fmtInteger(long bits, boolean signed, char verb) {
            switch (verb) {
                case 'v':
                    if (sharpV && !signed) {
                        boolean oldSharp = sharp;
                        sharp = true;
                        fmtIntegerBase(bits, 16, false, verb, "0123456789abcdefx");
                        sharp = oldSharp;
                        return;
                    }
                    fmtIntegerBase(bits, 10, signed, verb, "0123456789abcdefx");
                    return;
                case 'd':
                    fmtIntegerBase(bits, 10, signed, verb, "0123456789abcdefx");
                    return;
                case 'b':
                    fmtIntegerBase(bits, 2, signed, verb, "0123456789abcdefx");
                    return;
                case 'o': case 'O':
                    fmtIntegerBase(bits, 8, signed, verb, "0123456789abcdefx");
                    return;
                case 'x':
                    fmtIntegerBase(bits, 16, signed, verb, "0123456789abcdefx");
                    return;
                case 'X':
                    fmtIntegerBase(bits, 16, signed, verb, "0123456789ABCDEFX");
                    return;
                case 'c':
                    pad(new String(Character.toChars(validRune(bits))));
                    return;
                case 'q': {
                    StringBuilder sb = new StringBuilder();
                    sb.append('\'');
                    appendEscapedRune(sb, validRune(bits), '\'', plus);
                    sb.append('\'');
                    pad(sb.toString());
                    return;
                }
                case 'U':
                    pad(formatU(validRune(bits), sharp));
                    return;
                default:
                    badVerb(verb);
            }
        }

        private int validRune(long r) {
            if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) {
                return 0xFFFD;
            }
            return (int) r;
        }

        void fmtIntegerBase(long bits, int base, boolean signed, char verb, String digits) {
            if (base == 10 && !widPresent && !precPresent && !plus && !space && !sharp && (signed || bits >= 0)) {
                buf.append(bits);
                return;
            }
            boolean negative = signed && bits < 0;
            BigInteger u = signed ? BigInteger.valueOf(bits).abs() : new BigInteger(Long.toUnsignedString(bits));
            int precision = 0;
            if (precPresent) {
                precision = prec;
                if (precision == 0 && u.signum() == 0) {
                    writePadding(widPresent ? wid : 0, false);
                    return;
                }
            } else if (zero && !minus && widPresent) {
                precision = wid;
                if (negative || plus || space) {
                    precision--;
                }
            }
            String num = u.toString(base);
            if (digits.charAt(10) == 'A') {
                num = num.toUpperCase();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = num.length(); i < precision; i++) {
                sb.append('0');
            }
            sb.append(num);
            String body = sb.toString();
            String prefix = "";
            if (sharp) {
                if (base == 2) {
                    prefix = "0b";
                } else if (base == 8 && body.charAt(0) != '0') {
                    prefix = "0";
                } else if (base == 16) {
                    prefix = "0" + digits.charAt(16);
                }
            }
            if (verb == 'O') {
                prefix = "0o";
            }
            String sign = negative ? "-" : plus ? "+" : space ? " " : "";
            boolean oldZero = zero;
            zero = false;
            pad(sign + prefix + body);
            zero = oldZero;
        }

        void fmtFloat(double v, int size, char verb) {
            switch (verb) {
                case 'v':
                    fmtFloatPrec(v, size, 'g', -1);
                    return;
                case 'g': case 'G':
                    fmtFloatPrec(v, size, verb, -1);
                    return;
                case 'f': case 'F': case 'e': case 'E':
                    fmtFloatPrec(v, size, verb, 6);
                    return;
                default:
                    badVerb(verb);
            }
        }

        void fmtFloatPrec(double v, int size, char verb, int precision) {
            if (precPresent) {
                precision = prec;
            }
            String num = formatFloat(v, verb, precision, size);
            if (num.charAt(0) != '-' && num.charAt(0) != '+') {
                num = "+" + num;
            }
            if (space && num.charAt(0) == '+' && !plus) {
                num = " " + num.substring(1);
            }
            if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
                boolean oldZero = zero;
                zero = false;
                if (num.charAt(1) == 'N' && !space && !plus) {
                    num = num.substring(1);
                }
                pad(num);
                zero = oldZero;
                return;
            }
            if (plus || num.charAt(0) != '+') {
                if (zero && !minus && widPresent && wid > num.length()) {
                    buf.append(num.charAt(0));
                    writePadding(wid - num.length(), true);
                    buf.append(num, 1, num.length());
                    return;
                }
                pad(num);
                return;
            }
            pad(num.substring(1));
        }

        void fmtComplex(GoComplex c, char verb) {
            switch (verb) {
                case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e': case 'E':
                    break;
                default:
                    badVerb(verb);
                    return;
            }
            boolean oldPlus = plus;
            buf.append('(');
            fmtFloat(c.re(), 64, verb);
            plus = true;
            fmtFloat(c.im(), 64, verb);
            buf.append("i)");
            plus = oldPlus;
        }

        void doPrintf(String format, Object[] a) {
            int end = format.length();
            int argNum = 0;
            boolean afterIndex;
            boolean reordered = false;
            int i = 0;
            formatLoop:
            while (i < end) {
                boolean goodArgNum = true;
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                if (i > lasti) {
                    buf.append(format, lasti, i);
                }
                if (i >= end) {
                    break;
                }
                i++;
                clearFlags();
                simple:
                for (; i < end; i++) {
                    char c = format.charAt(i);
                    switch (c) {
                        case '#': sharp = true; break;
                        case '0': zero = true; break;
                        case '+': plus = true; break;
                        case '-': minus = true; break;
                        case ' ': space = true; break;
                        default:
                            if ('a' <= c && c <= 'z' && argNum < a.length) {
                                if (c == 'v') {
                                    sharpV = sharp;
                                    sharp = false;
                                    plusV = plus;
                                    plus = false;
                                }
                                printArg(a[argNum], c);
                                argNum++;
                                i++;
                                continue formatLoop;
                            }
                            break simple;
                    }
                }
                // argument index
                int[] st = argNumber(argNum, format, i, a.length);
                argNum = st[0];
                i = st[1];
                boolean ok = st[2] == 1;
                afterIndex = st[3] == 1;
                if (st[3] == 1) {
                    reordered = true;
                }
                if (!ok) {
                    goodArgNum = false;
                }
                // width
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Object[] w = intFromArg(a, argNum);
                    widPresent = (Boolean) w[1];
                    wid = (Integer) w[0];
                    argNum = (Integer) w[2];
                    if (!widPresent) {
                        buf.append("%!(BADWIDTH)");
                    }
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                    afterIndex = false;
                } else {
                    int[] n = parsenum(format, i, end);
                    wid = n[0];
                    widPresent = n[1] == 1;
                    i = n[2];
                    if (afterIndex && widPresent) {
                        goodArgNum = false;
                    }
                }
                // precision
                if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                    i++;
                    if (afterIndex) {
                        goodArgNum = false;
                    }
                    st = argNumber(argNum, format, i, a.length);
                    argNum = st[0];
                    i = st[1];
                    if (st[2] != 1) {
                        goodArgNum = false;
                    }
                    afterIndex = st[3] == 1;
                    if (st[3] == 1) {
                        reordered = true;
                    }
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        Object[] w = intFromArg(a, argNum);
                        precPresent = (Boolean) w[1];
                        prec = (Integer) w[0];
                        argNum = (Integer) w[2];
                        if (prec < 0) {
                            prec = 0;
                            precPresent = false;
                        }
                        if (!precPresent) {
                            buf.append("%!(BADPREC)");
                        }
                        afterIndex = false;
                    } else {
                        int[] n = parsenum(format, i, end);
                        prec = n[0];
                        precPresent = n[1] == 1;
                        i = n[2];
                        if (!precPresent) {
                            prec = 0;
                            precPresent = true;
                        }
                    }
                }
                if (!afterIndex) {
                    st = argNumber(argNum, format, i, a.length);
                    argNum = st[0];
                    i = st[1];
                    if (st[2] != 1) {
                        goodArgNum = false;
                    }
                    afterIndex = st[3] == 1;
                    if (st[3] == 1) {
                        reordered = true;
                    }
                }
                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%');
                } else if (!goodArgNum) {
                    buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= a.length) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'w') {
                        verb = 'v';
                    }
                    if (verb == 'v') {
                        sharpV = sharp;
                        sharp = false;
                        plusV = plus;
                        plus = false;
                    }
                    printArg(a[argNum], (char) verb);
                    argNum++;
                }
            }
            if (!reordered && argNum < a.length) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < a.length; k++) {
                    if (k > argNum) {
                        buf.append(", ");
                    }
                    Object x = a[k];
                    if (x == null) {
                        buf.append("<nil>");
                    } else {
                        buf.append(typeName(x)).append('=');
                        printArg(x, 'v');
                    }
                }
                buf.append(')');
            }
        }

        /** Returns {value, present(bool), newArgNum}. */
        private Object[] intFromArg(Object[] a, int argNum) {
            int num = 0;
            boolean isInt = false;
            if (argNum < a.length) {
                Object x = a[argNum];
                if (GoValues.isInteger(x)) {
                    long n = GoValues.intBits(x);
                    if (GoValues.isUnsignedInt(x) && n < 0) {
                        isInt = false;
                    } else {
                        isInt = true;
                        num = (int) n;
                        if (n > 1_000_000 || n < -1_000_000) {
                            num = 0;
                            isInt = false;
                        }
                    }
                }
                argNum++;
            }
            return new Object[] {num, isInt, argNum};
        }

        private int[] parsenum(String s, int start, int end) {
            if (start >= end) {
                return new int[] {0, 0, end};
            }
            int num = 0;
            boolean isnum = false;
            int i = start;
            for (; i < end && '0' <= s.charAt(i) && s.charAt(i) <= '9'; i++) {
                if (num > 1_000_000) {
                    return new int[] {0, 0, end};
                }
                num = num * 10 + (s.charAt(i) - '0');
                isnum = true;
            }
            return new int[] {num, isnum ? 1 : 0, i};
        }

        /** Returns {argNum, newi, ok, found}. */
        private int[] argNumber(int argNum, String format, int i, int numArgs) {
            if (format.length() <= i || format.charAt(i) != '[') {
                return new int[] {argNum, i, 1, 0};
            }
            reorderedFlag = true;
            // parseArgNumber
            for (int j = 1; i + j < format.length(); j++) {
                if (format.charAt(i + j) == ']') {
                    int[] n = parsenum(format, i + 1, i + j);
                    if (n[1] == 0 || n[2] != i + j) {
                        return new int[] {argNum, i + j + 1, 0, 1};
                    }
                    int index = n[0] - 1;
                    if (index >= 0 && index < numArgs) {
                        return new int[] {index, i + j + 1, 1, 1};
                    }
                    return new int[] {argNum, i + j + 1, 0, 1};
                }
            }
            return new int[] {argNum, i + 1, 0, 0};
        }

        boolean reorderedFlag;
    }

    /** Keys of a map in Go fmtsort order. */
    static List<Object> sortedKeys(Map<Object, Object> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        if (keys.size() > 1) {
            keys.sort(GoFmt::compareKeys);
        }
        return keys;
    }

    /** Go internal/fmtsort compare for the key kinds the value model has. */
    static int compareKeys(Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            return compareGoStrings((String) a, (String) b);
        }
        if (GoValues.isSignedInt(a) && GoValues.isSignedInt(b)) {
            return Long.compare(GoValues.intBits(a), GoValues.intBits(b));
        }
        if (GoValues.isUnsignedInt(a) && GoValues.isUnsignedInt(b)) {
            return Long.compareUnsigned(GoValues.intBits(a), GoValues.intBits(b));
        }
        if (GoValues.isFloat(a) && GoValues.isFloat(b)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return GoValues.typeName(a).compareTo(GoValues.typeName(b));
    }

    /** Byte-wise (UTF-8) string comparison, as Go compares strings. */
    static int compareGoStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                if (x < 0xD800 && y < 0xD800) {
                    return x - y;
                }
                return Integer.compare(a.codePointAt(i), b.codePointAt(i));
            }
        }
        return a.length() - b.length();
    }
}
