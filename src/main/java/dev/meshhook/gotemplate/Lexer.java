package dev.meshhook.gotemplate;

import java.util.ArrayList;
import java.util.List;

/** Go text/template lexer (delimiters {{ }}), producing the whole token list up front. */
final class Lexer {

    enum T {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
        LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords (printed as <word>)
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() { return ordinal() >= BLOCK.ordinal(); }
    }

    static final class Item {
        final T typ;
        final int pos;
        final String val;
        final int line;

        Item(T typ, int pos, String val, int line) {
            this.typ = typ;
            this.pos = pos;
            this.val = val;
            this.line = line;
        }

        @Override
        public String toString() {
            if (typ == T.EOF) {
                return "EOF";
            }
            if (typ == T.ERROR) {
                return val;
            }
            if (typ.isKeyword()) {
                return "<" + val + ">";
            }
            if (val.codePointCount(0, val.length()) > 10) {
                int end = val.offsetByCodePoints(0, 10);
                return GoFmt.quote(val.substring(0, end)) + "...";
            }
            return GoFmt.quote(val);
        }
    }

    private static final String LD = "{{", RD = "}}";
    private final String input;
    private final List<Item> items = new ArrayList<>();
    private int start;
    private int pos;
    private int parenDepth;

    private Lexer(String input) { this.input = input; }

    static List<Item> lex(String input) {
        Lexer l = new Lexer(input);
        l.run();
        return l.items;
    }

    private int linePos;
    private int lineNo = 1;

    /** 1-based line of an offset; offsets are requested in mostly increasing order, so count incrementally. */
    private int lineAt(int p) {
        if (p < linePos) {
            linePos = 0;
            lineNo = 1;
        }
        for (int i = linePos; i < p; i++) {
            if (input.charAt(i) == '\n') {
                lineNo++;
            }
        }
        linePos = p;
        return lineNo;
    }

    private void emit(T t) {
        items.add(new Item(t, start, input.substring(start, pos), lineAt(start)));
        start = pos;
    }

    private boolean error(String msg) {
        items.add(new Item(T.ERROR, start, msg, lineAt(start)));
        return false;
    }

    private static final int EOF = -1;

    private int next() {
        if (pos >= input.length()) {
            pos = input.length() + 1; // so that backup works uniformly
            return EOF;
        }
        int c = input.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private int lastWidth(int c) { return c == EOF ? 1 : Character.charCount(c); }

    private int peek() {
        if (pos >= input.length()) {
            return EOF;
        }
        return input.codePointAt(pos);
    }

    private boolean accept(String valid) {
        int c = peek();
        if (c != EOF && valid.indexOf(c) >= 0) {
            next();
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // absorb
        }
    }

    static boolean isSpace(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    static boolean isAlphaNumeric(int c) { return c == '_' || Character.isLetter(c) || Character.isDigit(c); }

    private boolean hasLeftTrimMarker(int p) {
        return p + 1 < input.length() && input.charAt(p) == '-' && isSpace(input.charAt(p + 1));
    }

    private boolean hasRightTrimMarker(int p) {
        return p + 1 < input.length() && isSpace(input.charAt(p)) && input.charAt(p + 1) == '-';
    }

    private void run() {
        boolean inside = false;
        while (true) {
            if (!inside) {
                int x = input.indexOf(LD, pos);
                if (x < 0) {
                    pos = input.length();
                    if (pos > start) {
                        emit(T.TEXT);
                    }
                    emit(T.EOF);
                    return;
                }
                if (x > pos) {
                    pos = x;
                    int trim = 0;
                    if (hasLeftTrimMarker(pos + LD.length())) {
                        int e = pos;
                        while (e > start && isSpace(input.charAt(e - 1))) {
                            e--;
                        }
                        trim = pos - e;
                    }
                    pos -= trim;
                    if (pos > start) {
                        emit(T.TEXT);
                    }
                    pos += trim;
                    start = pos;
                }
                // left delimiter
                pos += LD.length();
                boolean trimSpace = hasLeftTrimMarker(pos);
                int after = trimSpace ? 2 : 0;
                if (input.startsWith("/*", pos + after)) {
                    pos += after;
                    start = pos;
                    if (!lexComment()) {
                        return;
                    }
                    continue;
                }
                items.add(new Item(T.LEFT_DELIM, start, LD, lineAt(start)));
                pos += after;
                start = pos;
                parenDepth = 0;
                inside = true;
                continue;
            }
            // inside action
            int atRight = atRightDelim();
            if (atRight != 0) {
                if (parenDepth != 0) {
                    error("unclosed left paren");
                    return;
                }
                if (atRight == 2) {
                    pos += 2;
                    start = pos;
                }
                pos += RD.length();
                emit(T.RIGHT_DELIM);
                if (atRight == 2) {
                    while (pos < input.length() && isSpace(input.charAt(pos))) {
                        pos++;
                    }
                    start = pos;
                }
                inside = false;
                continue;
            }
            int r = next();
            if (r == EOF) {
                pos = input.length();
                error("unclosed action");
                return;
            }
            if (isSpace(r)) {
                pos--;
                lexSpace();
            } else if (r == '=') {
                emit(T.ASSIGN);
            } else if (r == ':') {
                if (next() != '=') {
                    error("expected :=");
                    return;
                }
                emit(T.DECLARE);
            } else if (r == '|') {
                emit(T.PIPE);
            } else if (r == '"') {
                if (!lexQuote()) {
                    return;
                }
            } else if (r == '`') {
                int x = input.indexOf('`', pos);
                if (x < 0) {
                    pos = input.length();
                    error("unterminated raw quoted string");
                    return;
                }
                pos = x + 1;
                emit(T.RAW_STRING);
            } else if (r == '$') {
                if (!lexFieldOrVariable(T.VARIABLE)) {
                    return;
                }
            } else if (r == '\'') {
                if (!lexChar()) {
                    return;
                }
            } else if (r == '.' && pos < input.length() && (input.charAt(pos) < '0' || input.charAt(pos) > '9')) {
                if (!lexFieldOrVariable(T.FIELD)) {
                    return;
                }
            } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
                pos -= lastWidth(r);
                if (!lexNumber()) {
                    return;
                }
            } else if (isAlphaNumeric(r)) {
                pos -= lastWidth(r);
                if (!lexIdentifier()) {
                    return;
                }
            } else if (r == '(') {
                emit(T.LEFT_PAREN);
                parenDepth++;
            } else if (r == ')') {
                parenDepth--;
                if (parenDepth < 0) {
                    error("unexpected right paren");
                    return;
                }
                emit(T.RIGHT_PAREN);
            } else if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
                emit(T.CHAR);
            } else {
                error("unrecognized character in action: " + GoFmt.formatU(r, true));
                return;
            }
        }
    }

    /** 0 = not at right delimiter, 1 = plain, 2 = with trim marker. */
    private int atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(RD, pos + 2)) {
            return 2;
        }
        if (input.startsWith(RD, pos)) {
            return 1;
        }
        return 0;
    }

    private boolean lexComment() {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        pos = x + 2;
        int d = atRightDelim();
        if (d == 0) {
            return error("comment ends before closing delimiter");
        }
        if (d == 2) {
            pos += 2;
        }
        pos += RD.length();
        if (d == 2) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }
        start = pos;
        return true;
    }

    private void lexSpace() {
        int n = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
            n++;
        }
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RD, pos - 1 + 2)) {
            pos--;
            if (n == 1) {
                return;
            }
        }
        emit(T.SPACE);
    }

    private boolean lexQuote() {
        while (true) {
            int c = next();
            if (c == '\\') {
                int r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
                pos = Math.min(pos, input.length());
                return error("unterminated quoted string");
            }
            if (c == EOF || c == '\n') {
                pos = Math.min(pos, input.length());
                return error("unterminated quoted string");
            }
            if (c == '"') {
                break;
            }
        }
        emit(T.STRING);
        return true;
    }

    private boolean lexChar() {
        while (true) {
            int c = next();
            if (c == '\\') {
                int r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
                pos = Math.min(pos, input.length());
                return error("unterminated character constant");
            }
            if (c == EOF || c == '\n') {
                pos = Math.min(pos, input.length());
                return error("unterminated character constant");
            }
            if (c == '\'') {
                break;
            }
        }
        emit(T.CHAR_CONSTANT);
        return true;
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case EOF: case '.': case ',': case '|': case ':': case ')': case '(':
                return true;
            default:
                return input.startsWith(RD, pos);
        }
    }

    private boolean lexFieldOrVariable(T typ) {
        if (atTerminator()) {
            emit(typ == T.VARIABLE ? T.VARIABLE : T.DOT);
            return true;
        }
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                pos -= lastWidth(r);
                break;
            }
        }
        if (!atTerminator()) {
            return error("bad character " + GoFmt.formatU(r, true));
        }
        emit(typ);
        return true;
    }

    private boolean lexIdentifier() {
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                pos -= lastWidth(r);
                break;
            }
        }
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + GoFmt.formatU(r, true));
        }
        switch (word) {
            case "block": emit(T.BLOCK); break;
            case "break": emit(T.BREAK); break;
            case "continue": emit(T.CONTINUE); break;
            case "define": emit(T.DEFINE); break;
            case "else": emit(T.ELSE); break;
            case "end": emit(T.END); break;
            case "if": emit(T.IF); break;
            case "range": emit(T.RANGE); break;
            case "nil": emit(T.NIL); break;
            case "template": emit(T.TEMPLATE); break;
            case "with": emit(T.WITH); break;
            case "true": case "false": emit(T.BOOL); break;
            default: emit(T.IDENTIFIER);
        }
        return true;
    }

    private boolean lexNumber() {
        if (!scanNumber()) {
            pos = Math.min(pos, input.length());
            return error("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                pos = Math.min(pos, input.length());
                return error("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
            }
            emit(T.COMPLEX);
        } else {
            emit(T.NUMBER);
        }
        return true;
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }
}
