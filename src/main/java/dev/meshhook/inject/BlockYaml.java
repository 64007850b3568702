package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.math.BigInteger;

/**
 * A fast reader for the plain block-style YAML that injection templates render (block mappings and sequences,
 * plain/quoted one-line scalars, literal block scalars, empty flow collections). Rendering output is parsed on
 * every request and SnakeYAML dominated the pipeline. Anything outside that subset — or any scalar whose YAML 1.1
 * resolution is not plainly a string, a decimal integer, true/false or null — makes {@link #parse} return null so
 * the caller falls back to the full Jackson YAML parser; for what it accepts it builds the same tree Jackson does.
 */
final class BlockYaml {
    private static final Resolver RESOLVER = new Resolver();
    private static final String RESOLVER_FIRST = "FNOTYfnoty!&*+-.0123456789<~$=";
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Thrown internally when the text leaves the supported subset. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final String[] lines;
    private int pos;

    /** Per line: count of leading spaces, or -1 for a blank (spaces-only) line; computed once. */
    private final int[] indents;

    private BlockYaml(String[] lines) {
        this.lines = lines;
        this.indents = new int[lines.length];
        for (int k = 0; k < lines.length; k++) {
            String l = lines[k];
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') i++;
            indents[k] = i == l.length() ? -1 : i;
        }
    }

    /** The document as Jackson would read it, or null when the text needs the full parser. */
    static JsonNode parse(String text) {
        if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return null;
        BlockYaml y = new BlockYaml(text.split("\n", -1));
        try {
            int first = y.next();
            if (first < 0) return MissingNode.getInstance();
            if (y.indent(first) != 0) return null;
            JsonNode root = y.block(0);
            if (y.next() >= 0) return null;
            return root;
        } catch (Unsupported | RuntimeException e) {
            return null;
        }
    }

    /** Index of the next significant line (skipping blank and comment lines), or -1; pos is moved there. */
    private int next() {
        while (pos < lines.length) {
            int i = indents[pos];
            if (i >= 0 && lines[pos].charAt(i) != '#') return pos;
            pos++;
        }
        return -1;
    }

    private int indent(int line) {
        return line < 0 ? -1 : indents[line];
    }

    /** A block node whose first significant line is at pos with exactly indent n. */
    private JsonNode block(int n) throws Unsupported {
        String l = lines[pos];
        if (l.startsWith("---", n) || l.startsWith("...", n) || l.charAt(n) == '%') throw UNSUPPORTED;
        if (isSeqEntry(l, n)) return sequence(n);
        return mapping(n);
    }

    private static boolean isSeqEntry(String l, int n) {
        return l.charAt(n) == '-' && (l.length() == n + 1 || l.charAt(n + 1) == ' ');
    }

    private ArrayNode sequence(int n) throws Unsupported {
        ArrayNode out = Json.F.arrayNode();
        while (true) {
            int at = next();
            if (at < 0) return out;
            String l = lines[at];
            int ind = indent(at);
            if (ind < n) return out;
            if (ind > n) throw UNSUPPORTED;
            if (!isSeqEntry(l, n)) return out; // end of an indentless sequence; the caller checks the line
            int c = n + 1;
            while (c < l.length() && l.charAt(c) == ' ') c++;
            if (c == l.length() || l.charAt(c) == '#') {
                pos++;
                out.add(nested(n, false));
            } else if (isSeqEntry(l, c)) {
                throw UNSUPPORTED;
            } else if (keyEnd(l, c) >= 0) {
                out.add(mappingFrom(c, true));
            } else {
                out.add(inlineValue(l, c, n));
            }
        }
    }

    private ObjectNode mapping(int n) throws Unsupported {
        return mappingFrom(n, false);
    }

    /** A mapping whose entries sit at column n; when inSeq, the first entry starts mid-line after "- ". */
    private ObjectNode mappingFrom(int n, boolean inSeq) throws Unsupported {
        ObjectNode out = Json.F.objectNode();
        boolean first = true;
        while (true) {
            int at;
            int c;
            if (first && inSeq) {
                at = pos;
                c = n;
            } else {
                at = next();
                if (at < 0) return out;
                int ind = indent(at);
                if (ind < n) return out;
                if (ind > n) throw UNSUPPORTED;
                c = n;
                if (isSeqEntry(lines[at], n)) throw UNSUPPORTED;
            }
            first = false;
            String l = lines[at];
            int ke = keyEnd(l, c);
            if (ke < 0) throw UNSUPPORTED;
            String key = key(l, c, ke);
            int v = ke + 1;
            while (v < l.length() && l.charAt(v) == ' ') v++;
            JsonNode value;
            if (v == l.length() || l.charAt(v) == '#') {
                pos++;
                value = nested(n, true);
            } else {
                value = inlineValue(l, v, n);
            }
            out.set(key, value);
        }
    }

    /** The value of an entry with nothing after its indicator: a deeper block, an indentless sequence, or null. */
    private JsonNode nested(int n, boolean mapValue) throws Unsupported {
        int at = next();
        if (at < 0) return NullNode.getInstance();
        int ind = indent(at);
        if (ind > n) return block(ind);
        if (mapValue && ind == n && isSeqEntry(lines[at], n)) return sequence(n);
        return NullNode.getInstance();
    }

    /** Column of the ':' ending a simple key starting at c, or -1 when the line is no "key: ..." entry. */
    private static int keyEnd(String l, int c) {
        char f = l.charAt(c);
        if (f == '"' || f == '\'') {
            int q = closingQuote(l, c);
            if (q < 0 || q + 1 >= l.length() || l.charAt(q + 1) != ':') return -1;
            if (q + 2 < l.length() && l.charAt(q + 2) != ' ') return -1;
            return q + 1;
        }
        for (int i = c; i < l.length(); i++) {
            char ch = l.charAt(i);
            if (ch == '#' && i > c && l.charAt(i - 1) == ' ') return -1;
            if (ch == ':' && (i + 1 == l.length() || l.charAt(i + 1) == ' ')) return i;
        }
        return -1;
    }

    private static int closingQuote(String l, int c) {
        char q = l.charAt(c);
        for (int i = c + 1; i < l.length(); i++) {
            char ch = l.charAt(i);
            if (q == '"' && ch == '\\') {
                i++;
            } else if (ch == q) {
                if (q == '\'' && i + 1 < l.length() && l.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String key(String l, int c, int end) throws Unsupported {
        char f = l.charAt(c);
        if (f == '"' || f == '\'') return quoted(l, c, end - 1);
        String k = l.substring(c, end).stripTrailing();
        if (k.isEmpty() || "<<".equals(k) || "-?:,[]{}#&*!|>'\"%@`".indexOf(k.charAt(0)) >= 0) throw UNSUPPORTED;
        return k;
    }

    /** A value that starts at column v on the current line (pos); n is the indentation of its parent node. */
    private JsonNode inlineValue(String l, int v, int n) throws Unsupported {
        char f = l.charAt(v);
        if (f == '|') return literal(l, v, n);
        pos++;
        JsonNode out;
        if (f == '"' || f == '\'') {
            int q = closingQuote(l, v);
            if (q < 0) throw UNSUPPORTED;
            trailer(l, q + 1);
            out = TextNode.valueOf(quoted(l, v, q));
        } else if (f == '{' && !emptyFlow(l, v)) {
            pos--;
            out = flowMapping(l, v, n);
        } else if (f == '[' || f == '{') {
            int e = v + 1;
            while (e < l.length() && l.charAt(e) == ' ') e++;
            if (e >= l.length() || l.charAt(e) != (f == '[' ? ']' : '}')) throw UNSUPPORTED;
            trailer(l, e + 1);
            out = f == '[' ? Json.F.arrayNode() : Json.F.objectNode();
        } else {
            if ("-?:,]}#&*!>%@`".indexOf(f) >= 0 && !(f == '-' && v + 1 < l.length() && l.charAt(v + 1) != ' ')) {
                throw UNSUPPORTED;
            }
            int end = l.length();
            for (int i = v; i < l.length(); i++) {
                char ch = l.charAt(i);
                if (ch == '#' && l.charAt(i - 1) == ' ') {
                    end = i;
                    break;
                }
                if (ch == ':' && (i + 1 == l.length() || l.charAt(i + 1) == ' ')) throw UNSUPPORTED;
            }
            out = plain(l.substring(v, end).stripTrailing());
        }
        // a deeper line after a one-line scalar would continue it (multi-line scalar): leave that to the full parser
        int at = next();
        if (at >= 0 && indent(at) > n) throw UNSUPPORTED;
        return out;
    }

    private static boolean emptyFlow(String l, int v) {
        int e = v + 1;
        while (e < l.length() && l.charAt(e) == ' ') e++;
        return e < l.length() && l.charAt(e) == '}';
    }

    /**
     * A flow mapping of scalar entries ({@code {a: "x", b: y,}}), possibly over several lines deeper than n, as
     * Istio's templates write annotations. Starts at column v of line pos; leaves pos after its last line.
     */
    private ObjectNode flowMapping(String l, int v, int n) throws Unsupported {
        ObjectNode out = Json.F.objectNode();
        String line = l;
        int i = v + 1;
        boolean needComma = false;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') i++;
            if (i == line.length()) {
                pos++;
                if (pos >= lines.length) throw UNSUPPORTED;
                if (indents[pos] < 0) { // blank line inside the flow mapping
                    line = "";
                    i = 0;
                    continue;
                }
                if (indents[pos] < n) throw UNSUPPORTED;
                line = lines[pos];
                i = indents[pos];
                continue;
            }
            char c = line.charAt(i);
            if (c == '}') {
                trailer(line, i + 1);
                pos++;
                return out;
            }
            if (c == ',') {
                if (!needComma) throw UNSUPPORTED;
                needComma = false;
                i++;
                continue;
            }
            if (needComma || c == '#') throw UNSUPPORTED;
            // key
            String key;
            int ke;
            if (c == '"' || c == '\'') {
                int q = closingQuote(line, i);
                if (q < 0 || q + 1 >= line.length() || line.charAt(q + 1) != ':') throw UNSUPPORTED;
                key = quoted(line, i, q);
                ke = q + 1;
            } else {
                ke = line.indexOf(':', i);
                if (ke < 0 || ke + 1 >= line.length() || line.charAt(ke + 1) != ' ') throw UNSUPPORTED;
                key = line.substring(i, ke);
                if (!plainFlowText(key) || "-?:".indexOf(key.charAt(0)) >= 0 || !key.equals(key.strip())) {
                    throw UNSUPPORTED;
                }
            }
            i = ke + 1;
            while (i < line.length() && line.charAt(i) == ' ') i++;
            if (i == line.length()) throw UNSUPPORTED;
            c = line.charAt(i);
            JsonNode value;
            if (c == '"' || c == '\'') {
                int q = closingQuote(line, i);
                if (q < 0) throw UNSUPPORTED;
                value = TextNode.valueOf(quoted(line, i, q));
                i = q + 1;
            } else {
                int e = i;
                while (e < line.length() && line.charAt(e) != ',' && line.charAt(e) != '}') e++;
                String text = line.substring(i, e).strip();
                if (text.isEmpty() || !plainFlowText(text) || "-?:|>".indexOf(text.charAt(0)) >= 0) throw UNSUPPORTED;
                value = plain(text);
                i = e;
            }
            out.set(key, value);
            needComma = true;
        }
    }

    /** Plain text safe inside a flow collection: no indicators or comment/mapping markers that change parsing. */
    private static boolean plainFlowText(String t) {
        if (t.isEmpty()) return false;
        if ("[]{},#&*!|>'\"%@`".indexOf(t.charAt(0)) >= 0) return false;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == ',' || ch == '#' || ch == '"') return false;
            if (ch == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) return false;
        }
        return true;
    }

    private static void trailer(String l, int i) throws Unsupported {
        while (i < l.length() && l.charAt(i) == ' ') i++;
        if (i < l.length() && !(l.charAt(i) == '#' && l.charAt(i - 1) == ' ')) throw UNSUPPORTED;
    }

    private static String quoted(String l, int open, int close) throws Unsupported {
        String body = l.substring(open + 1, close);
        if (l.charAt(open) == '\'') return body.replace("''", "'");
        if (body.indexOf('\\') < 0) return body;
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '\\', '"', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                default -> throw UNSUPPORTED;
            }
        }
        return sb.toString();
    }

    private static JsonNode plain(String s) throws Unsupported {
        if (s.isEmpty()) return NullNode.getInstance();
        // SnakeYAML keys its implicit resolvers by first character; any other first character means a string
        if (RESOLVER_FIRST.indexOf(s.charAt(0)) < 0) return TextNode.valueOf(s);
        Tag tag = RESOLVER.resolve(NodeId.scalar, s, true);
        if (Tag.STR.equals(tag)) return TextNode.valueOf(s);
        switch (s) {
            case "true", "True", "TRUE":
                return BooleanNode.TRUE;
            case "false", "False", "FALSE":
                return BooleanNode.FALSE;
            case "null", "Null", "NULL", "~":
                return NullNode.getInstance();
            default:
                break;
        }
        if (!Tag.INT.equals(tag)) throw UNSUPPORTED;
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length() || (s.charAt(start) == '0' && s.length() > start + 1)) throw UNSUPPORTED;
        for (int i = start; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') throw UNSUPPORTED;
        if (s.equals("-0")) throw UNSUPPORTED;
        BigInteger b = new BigInteger(s);
        if (b.compareTo(INT_MIN) >= 0 && b.compareTo(INT_MAX) <= 0) return Json.F.numberNode(b.intValue());
        if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) return Json.F.numberNode(b.longValue());
        return Json.F.numberNode(b);
    }

    /** A literal block scalar ("|" or "|-") whose header is at column v of the current line. */
    private JsonNode literal(String l, int v, int n) throws Unsupported {
        boolean strip = false;
        int i = v + 1;
        if (i < l.length() && l.charAt(i) == '-') {
            strip = true;
            i++;
        }
        trailer(l, i);
        pos++;
        int blockIndent = -1;
        StringBuilder sb = new StringBuilder();
        int pendingBreaks = 0;
        boolean any = false;
        while (pos < lines.length) {
            String line = lines[pos];
            int ind = indent(pos);
            if (ind < 0) {
                // blank (or spaces only): a line break inside or after the content
                if (blockIndent < 0 && line.length() > n) throw UNSUPPORTED;
                if (blockIndent >= 0 && line.length() > blockIndent) throw UNSUPPORTED;
                pendingBreaks++;
                pos++;
                continue;
            }
            if (blockIndent < 0) {
                if (ind <= n) break;
                blockIndent = ind;
            }
            if (ind < blockIndent) break;
            if (any) sb.append('\n');
            for (int k = 0; k < pendingBreaks; k++) sb.append('\n');
            pendingBreaks = 0;
            sb.append(line, blockIndent, line.length());
            any = true;
            pos++;
        }
        if (!any) throw UNSUPPORTED;
        if (!strip) sb.append('\n');
        // the block ended at a less-indented line; the trailing blank lines stay with it (clip/strip drop them)
        int at = next();
        if (at >= 0 && indent(at) > n) throw UNSUPPORTED;
        return TextNode.valueOf(sb.toString());
    }
}
