package dev.meshhook.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints what {@code sigs.k8s.io/yaml.Marshal} (v1.6.0 over go-yaml v2) prints: the value is JSON-encoded the Go
 * way, read back as generic YAML (JSON numbers become int or float), and emitted by go-yaml v2's emitter: block
 * style, keys in go-yaml's natural order, 2-space indent, sequences not indented under their key, go-yaml's
 * plain/single/double-quoted/literal scalar choice, folding of long scalars at column 80.
 */
public final class GoYaml {
    private GoYaml() {}

    private static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;

    /** YAML text of a value-model object or Jackson JsonNode, ending with a newline (e.g. {@code "a: 1\n"}). */
    public static String emit(Object value) {
        JsonNode n = value instanceof JsonNode ? (JsonNode) value : GoJson.toJsonNode(value);
        GoYaml.Emitter e = new Emitter();
        e.node(n, true, false, false);
        e.writeIndent();
        return e.out.toString();
    }

    // ---------------------------------------------------------------- JSON number → YAML scalar text

    private static final Pattern INT_TEXT = Pattern.compile("-?[0-9]+");

    static String numberText(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        String json = GoJson.formatFloat(n.doubleValue(), 64);
        if (INT_TEXT.matcher(json).matches()) {
            BigInteger b = new BigInteger(json);
            if (b.bitLength() < 64 || (b.signum() > 0 && b.bitLength() == 64)) {
                return b.toString();
            }
        }
        return GoFmt.formatFloat(Double.parseDouble(json), 'g', -1, 64);
    }

    // ---------------------------------------------------------------- go-yaml v2 resolve (does a plain scalar stay a string?)

    private static final Set<String> SPECIAL = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null",
            "NULL", "~", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
            "-.INF", "<<");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?");

    /** True when go-yaml v2 would read the plain scalar {@code s} as something other than a string. */
    static boolean resolvesToNonString(String s) {
        if (s.isEmpty() || SPECIAL.contains(s)) {
            return true;
        }
        char c = s.charAt(0);
        if (c == '.') {
            return GoStrconv.parseFloat(s) != null;
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            if (TIMESTAMP.matcher(s).matches()) {
                return true;
            }
            String plain = s.replace("_", "");
            BigInteger b = GoStrconv.parseIntBase0(plain);
            if (b != null && b.bitLength() <= 64 && (b.signum() >= 0 || b.bitLength() < 64)) {
                if (!(b.signum() > 0 && b.bitLength() == 64 && (plain.startsWith("-") || plain.startsWith("+")))) {
                    return true;
                }
            }
            if (YAML_FLOAT.matcher(plain).matches() && GoStrconv.parseFloat(plain) != null) {
                return true;
            }
            if (plain.startsWith("0b") || plain.startsWith("-0b")) {
                String digits = plain.substring(plain.indexOf('b') + 1);
                if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch == '0' || ch == '1')) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- go-yaml v2 key order

    /** go-yaml v2 keyList.Less for string keys (digit runs compare numerically). */
    static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return less(a, b) ? -1 : 1;
    }

    private static boolean less(String as, String bs) {
        int[] ar = as.codePoints().toArray();
        int[] br = bs.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i, bi = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }

    // ---------------------------------------------------------------- the emitter

    private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

    private static final class Emitter {
        final StringBuilder out = new StringBuilder(256);
        int column;
        boolean whitespace = true;
        boolean indention = true;
        int indent = -1;
        boolean mappingContext;

        void put(char c) {
            out.append(c);
            column++;
        }

        void putBreak() {
            out.append('\n');
            column = 0;
        }

        void writeCodePoint(int c) {
            out.appendCodePoint(c);
            column++;
        }

        void writeIndent() {
            int ind = Math.max(indent, 0);
            if (!indention || column > ind || (column == ind && !whitespace)) {
                putBreak();
            }
            while (column < ind) {
                put(' ');
            }
            whitespace = true;
            indention = true;
        }

        void writeIndicator(String ind, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
            if (needWhitespace && !whitespace) {
                put(' ');
            }
            for (int i = 0; i < ind.length(); i++) {
                put(ind.charAt(i));
            }
            whitespace = isWhitespace;
            indention = indention && isIndention;
        }

        void increaseIndent(boolean flow, boolean indentless, int[] saved) {
            saved[0] = indent;
            if (indent < 0) {
                indent = flow ? BEST_INDENT : 0;
            } else if (!indentless) {
                indent += BEST_INDENT;
            }
        }

        /** Emits a node; root/sequence/mapping flags mirror go-yaml's emit_node context. */
        void node(JsonNode n, boolean root, boolean inMapping, boolean simpleKey) {
            if (n.isObject() && n.size() > 0) {
                blockMapping(n);
            } else if (n.isArray() && n.size() > 0) {
                blockSequence(n, inMapping);
            } else if (n.isObject()) {
                writeIndicator("{", true, true, false);
                writeIndicator("}", false, false, false);
            } else if (n.isArray()) {
                writeIndicator("[", true, true, false);
                writeIndicator("]", false, false, false);
            } else {
                scalar(n, simpleKey);
            }
        }

        void blockMapping(JsonNode n) {
            int[] saved = new int[1];
            increaseIndent(false, false, saved);
            List<String> keys = new ArrayList<>();
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                keys.add(it.next());
            }
            keys.sort(GoYaml::compareKeys);
            for (String k : keys) {
                writeIndent();
                if (isSimpleKey(k)) {
                    stringScalar(k, true);
                    writeIndicator(":", false, false, false);
                } else {
                    // go-yaml writes keys longer than 128 bytes or spanning lines as explicit "? key" entries
                    writeIndicator("?", true, false, true);
                    boolean savedKeyCtx = mappingContext;
                    mappingContext = true;
                    stringScalar(k, false);
                    mappingContext = savedKeyCtx;
                    writeIndent();
                    writeIndicator(":", true, false, true);
                }
                boolean savedCtx = mappingContext;
                mappingContext = true;
                node(n.get(k), false, true, false);
                mappingContext = savedCtx;
            }
            indent = saved[0];
        }

        void blockSequence(JsonNode n, boolean inMapping) {
            int[] saved = new int[1];
            increaseIndent(false, inMapping && !indention, saved);
            for (JsonNode item : n) {
                writeIndent();
                writeIndicator("-", true, false, true);
                boolean savedCtx = mappingContext;
                mappingContext = false;
                node(item, false, false, false);
                mappingContext = savedCtx;
            }
            indent = saved[0];
        }

        void scalar(JsonNode n, boolean simpleKey) {
            if (n.isTextual()) {
                stringScalar(n.textValue(), simpleKey);
                return;
            }
            String text;
            if (n.isNull() || n.isMissingNode()) {
                text = "null";
            } else if (n.isBoolean()) {
                text = n.booleanValue() ? "true" : "false";
            } else if (n.isNumber()) {
                text = numberText(n);
            } else {
                stringScalar(n.asText(), simpleKey);
                return;
            }
            int[] saved = new int[1];
            increaseIndent(true, false, saved);
            writePlain(text, !simpleKey);
            indent = saved[0];
        }

        void stringScalar(String s, boolean simpleKey) {
            Style requested;
            boolean canUsePlain = !resolvesToNonString(s) && !BASE60.matcher(s).matches();
            if (s.indexOf('\n') >= 0) {
                requested = Style.LITERAL;
            } else if (canUsePlain) {
                requested = Style.PLAIN;
            } else {
                requested = Style.DOUBLE;
            }
            Analysis a = analyze(s);
            Style style = requested;
            if (simpleKey && a.multiline) {
                style = Style.DOUBLE;
            }
            if (style == Style.PLAIN) {
                if (!a.blockPlainAllowed) {
                    style = Style.SINGLE;
                }
                if (s.isEmpty() && simpleKey) {
                    style = Style.SINGLE;
                }
            }
            if (style == Style.SINGLE && !a.singleQuotedAllowed) {
                style = Style.DOUBLE;
            }
            if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
                style = Style.DOUBLE;
            }
            int[] saved = new int[1];
            increaseIndent(true, false, saved);
            boolean allowBreaks = !simpleKey;
            switch (style) {
                case PLAIN: writePlain(s, allowBreaks); break;
                case SINGLE: writeSingle(s, allowBreaks); break;
                case DOUBLE: writeDouble(s, allowBreaks); break;
                default: writeLiteral(s); break;
            }
            indent = saved[0];
        }

        void writePlain(String s, boolean allowBreaks) {
            if (!whitespace) {
                put(' ');
            }
            boolean spaces = false;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int w = Character.charCount(c);
                if (c == ' ') {
                    boolean nextSpace = i + 1 < s.length() && s.charAt(i + 1) == ' ';
                    if (allowBreaks && !spaces && column > BEST_WIDTH && !nextSpace) {
                        writeIndent();
                    } else {
                        writeCodePoint(c);
                    }
                    spaces = true;
                } else {
                    writeCodePoint(c);
                    indention = false;
                    spaces = false;
                }
                i += w;
            }
            whitespace = false;
            indention = false;
        }

        void writeSingle(String s, boolean allowBreaks) {
            writeIndicator("'", true, false, false);
            boolean spaces = false;
            boolean breaks = false;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int w = Character.charCount(c);
                if (c == ' ') {
                    boolean nextSpace = i + 1 < s.length() && s.charAt(i + 1) == ' ';
                    if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < s.length() - 1 && !nextSpace) {
                        writeIndent();
                    } else {
                        writeCodePoint(c);
                    }
                    spaces = true;
                } else if (isBreak(c)) {
                    if (!breaks && c == '\n') {
                        putBreak();
                    }
                    putBreak();
                    indention = true;
                    breaks = true;
                } else {
                    if (breaks) {
                        writeIndent();
                    }
                    if (c == '\'') {
                        put('\'');
                    }
                    writeCodePoint(c);
                    indention = false;
                    spaces = false;
                    breaks = false;
                }
                i += w;
            }
            writeIndicator("'", false, false, false);
            whitespace = false;
            indention = false;
        }

        void writeDouble(String s, boolean allowBreaks) {
            writeIndicator("\"", true, false, false);
            boolean spaces = false;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int w = Character.charCount(c);
                if (!isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
                    put('\\');
                    switch (c) {
                        case 0: put('0'); break;
                        case 7: put('a'); break;
                        case 8: put('b'); break;
                        case 9: put('t'); break;
                        case 10: put('n'); break;
                        case 11: put('v'); break;
                        case 12: put('f'); break;
                        case 13: put('r'); break;
                        case 0x1B: put('e'); break;
                        case '"': put('"'); break;
                        case '\\': put('\\'); break;
                        case 0x85: put('N'); break;
                        case 0xA0: put('_'); break;
                        case 0x2028: put('L'); break;
                        case 0x2029: put('P'); break;
                        default: {
                            String h;
                            if (c <= 0xFF) {
                                put('x');
                                h = String.format("%02X", c);
                            } else if (c <= 0xFFFF) {
                                put('u');
                                h = String.format("%04X", c);
                            } else {
                                put('U');
                                h = String.format("%08X", c);
                            }
                            for (int k = 0; k < h.length(); k++) {
                                put(h.charAt(k));
                            }
                        }
                    }
                    spaces = false;
                } else if (c == ' ') {
                    if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != s.length() - 1) {
                        writeIndent();
                        if (i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                            put('\\');
                        }
                    } else {
                        writeCodePoint(c);
                    }
                    spaces = true;
                } else {
                    writeCodePoint(c);
                    spaces = false;
                }
                i += w;
            }
            writeIndicator("\"", false, false, false);
            whitespace = false;
            indention = false;
        }

        void writeLiteral(String s) {
            writeIndicator("|", true, false, false);
            // block scalar hints
            if (!s.isEmpty() && (s.charAt(0) == ' ' || isBreak(s.codePointAt(0)))) {
                writeIndicator(String.valueOf((char) ('0' + BEST_INDENT)), false, false, false);
            }
            String chomp = null;
            if (s.isEmpty()) {
                chomp = "-";
            } else {
                int last = s.codePointBefore(s.length());
                if (!isBreak(last)) {
                    chomp = "-";
                } else if (s.length() == Character.charCount(last)) {
                    chomp = "+";
                } else {
                    int prev = s.codePointBefore(s.length() - Character.charCount(last));
                    if (isBreak(prev)) {
                        chomp = "+";
                    }
                }
            }
            if (chomp != null) {
                writeIndicator(chomp, false, false, false);
            }
            putBreak();
            indention = true;
            whitespace = true;
            boolean breaks = true;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int w = Character.charCount(c);
                if (isBreak(c)) {
                    putBreak();
                    indention = true;
                    breaks = true;
                } else {
                    if (breaks) {
                        writeIndent();
                        breaks = false;
                    }
                    writeCodePoint(c);
                    indention = false;
                }
                i += w;
            }
        }
    }

    private static boolean isSimpleKey(String k) {
        for (int i = 0; i < k.length(); i++) {
            if (isBreak(k.charAt(i))) {
                return false;
            }
        }
        return GoStrings.byteLength(k) <= 128;
    }

    static boolean isBreak(int c) { return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }

    /** go-yaml is_printable (by code point). */
    static boolean isPrintable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    private static final class Analysis {
        boolean multiline, blockPlainAllowed, singleQuotedAllowed, blockAllowed;
    }

    /** go-yaml yaml_emitter_analyze_scalar (block context). */
    static Analysis analyze(String s) {
        Analysis r = new Analysis();
        if (s.isEmpty()) {
            r.multiline = false;
            r.blockPlainAllowed = true;
            r.singleQuotedAllowed = true;
            r.blockAllowed = false;
            return r;
        }
        boolean blockIndicators = false, lineBreaks = false, special = false;
        boolean leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        boolean breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (s.startsWith("---") || s.startsWith("...")) {
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        int n = s.length();
        for (int i = 0; i < n; ) {
            int c = s.codePointAt(i);
            int w = Character.charCount(c);
            boolean followedByWhitespace = i + w >= n || isBlank(s.codePointAt(i + w));
            if (i == 0) {
                switch (c) {
                    case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
                    case '>': case '\'': case '"': case '%': case '@': case '`':
                        blockIndicators = true;
                        break;
                    case '?': case ':':
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                        break;
                    case '-':
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                        break;
                    default:
                        break;
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                } else if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (!isPrintable(c)) {
                special = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i + w == n) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i + w == n) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlank(c) || isBreak(c);
            i += w;
        }
        r.multiline = lineBreaks;
        r.blockPlainAllowed = true;
        r.singleQuotedAllowed = true;
        r.blockAllowed = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            r.blockPlainAllowed = false;
        }
        if (trailingSpace) {
            r.blockAllowed = false;
        }
        if (breakSpace) {
            r.blockPlainAllowed = false;
            r.singleQuotedAllowed = false;
        }
        if (spaceBreak || special) {
            r.blockPlainAllowed = false;
            r.singleQuotedAllowed = false;
            r.blockAllowed = false;
        }
        if (lineBreaks) {
            r.blockPlainAllowed = false;
        }
        if (blockIndicators) {
            r.blockPlainAllowed = false;
        }
        return r;
    }

    private static boolean isBlank(int c) { return c == ' ' || c == '\t'; }

    /** Keys of a JSON object in go-yaml order (exposed for callers that emit their own documents). */
    static List<String> sortedKeys(Map<String, ?> m) {
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort(GoYaml::compareKeys);
        return keys;
    }
}
