package dev.meshhook.admission;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts {@code request.object.metadata.managedFields} and {@code request.oldObject.metadata.managedFields} out of an
 * AdmissionReview's JSON bytes before it is parsed into a tree. Neither webhook reads them (Istio's injector clears
 * them first, inject-spec a.4), yet on a busy object they are most of a megabyte of one-off keys: building a tree of
 * them cost far more (allocation, GC) than everything else the request does. A byte scan that only tracks nesting
 * and strings is cheap.
 *
 * <p>Anything unexpected — malformed JSON, an escaped key on the way, non-object values — returns the input
 * unchanged, so the parser reports errors exactly as it would have.
 */
final class ManagedFieldsCutter {

    /** Bodies smaller than this are parsed as they are: there is nothing worth cutting. */
    static final int MIN_BODY = 16 * 1024;

    private static final byte[] REQUEST = bytes("request");
    private static final byte[] OBJECT = bytes("object");
    private static final byte[] OLD_OBJECT = bytes("oldObject");
    private static final byte[] METADATA = bytes("metadata");
    private static final byte[] MANAGED_FIELDS = bytes("managedFields");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");
    /** Jackson's default nesting limit; deeper bodies are left to the parser to reject. */
    private static final int MAX_DEPTH = 1000;

    private final byte[] b;
    private int pos;
    // cut ranges [start, end), at most one per object (object, oldObject) and duplicates; grown as needed
    private int[] cuts = new int[8];
    private int cutCount;
    private int depth;

    private ManagedFieldsCutter(byte[] body) {
        this.b = body;
    }

    /** The body without the managedFields members, or {@code body} itself when there are none or on any doubt. */
    static byte[] cut(byte[] body) {
        if (body.length < MIN_BODY) {
            return body;
        }
        ManagedFieldsCutter c = new ManagedFieldsCutter(body);
        try {
            c.ws();
            if (c.peek() != '{') {
                return body;
            }
            c.object(0);
            c.ws();
            if (c.pos != body.length) {
                return body; // trailing data: let the parser say so
            }
        } catch (Malformed e) {
            return body;
        }
        return c.cutCount == 0 ? body : c.assemble();
    }

    /**
     * Walks an object at {@code level}: 0 the review, 1 {@code request}, 2 {@code object}/{@code oldObject},
     * 3 {@code metadata}. Members on the path are descended into; every other value is skipped.
     */
    private void object(int level) {
        expect('{');
        ws();
        if (peek() == '}') {
            pos++;
            return;
        }
        int separator = -1; // position of the comma before the current member, -1 for the first member
        boolean cutInThisObject = false;
        while (true) {
            int memberStart = pos;
            int keyStart = pos + 1;
            int keyEnd = string();
            ws();
            expect(':');
            ws();
            if (level == 3 && equals(keyStart, keyEnd, MANAGED_FIELDS)) {
                if (cutInThisObject) {
                    throw Malformed.INSTANCE; // a duplicate key: rare enough to leave to the tree-level removal
                }
                cutInThisObject = true;
                value();
                int valueEnd = pos;
                ws();
                if (separator >= 0) {
                    addCut(separator, valueEnd); // ", "managedFields": ..." (the comma before goes with it)
                } else if (peek() == ',') {
                    addCut(memberStart, pos + 1); // first member: take the comma after instead
                } else {
                    addCut(memberStart, valueEnd); // the only member
                }
            } else if (peek() == '{' && descends(level, keyStart, keyEnd)) {
                object(level + 1);
            } else {
                value();
            }
            ws();
            byte c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw Malformed.INSTANCE;
            }
            separator = pos - 1;
            ws();
        }
    }

    private boolean descends(int level, int keyStart, int keyEnd) {
        return switch (level) {
            case 0 -> equals(keyStart, keyEnd, REQUEST);
            case 1 -> equals(keyStart, keyEnd, OBJECT) || equals(keyStart, keyEnd, OLD_OBJECT);
            case 2 -> equals(keyStart, keyEnd, METADATA);
            default -> false;
        };
    }

    /**
     * Skips one JSON value, checking it strictly against the JSON grammar (what gets cut is never seen by the
     * parser, so a malformed managedFields must still make the body fail as a whole).
     */
    private void value() {
        if (++depth > MAX_DEPTH) {
            throw Malformed.INSTANCE;
        }
        byte c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                pos++;
                ws();
                if (peek() == '}') {
                    pos++;
                } else {
                    while (true) {
                        string();
                        ws();
                        expect(':');
                        ws();
                        value();
                        ws();
                        byte x = next();
                        if (x == '}') {
                            break;
                        }
                        if (x != ',') {
                            throw Malformed.INSTANCE;
                        }
                        ws();
                    }
                }
            }
            case '[' -> {
                pos++;
                ws();
                if (peek() == ']') {
                    pos++;
                } else {
                    while (true) {
                        value();
                        ws();
                        byte x = next();
                        if (x == ']') {
                            break;
                        }
                        if (x != ',') {
                            throw Malformed.INSTANCE;
                        }
                        ws();
                    }
                }
            }
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number();
        }
        depth--;
    }

    private void literal(byte[] word) {
        for (byte w : word) {
            if (next() != w) {
                throw Malformed.INSTANCE;
            }
        }
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private void number() {
        if (peek() == '-') {
            pos++;
        }
        byte c = next();
        if (c == '0') {
            if (pos < b.length && isDigit(b[pos])) {
                throw Malformed.INSTANCE;
            }
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw Malformed.INSTANCE;
        }
        if (pos < b.length && b[pos] == '.') {
            pos++;
            requireDigits();
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            requireDigits();
        }
    }

    private void requireDigits() {
        if (!isDigit(peek())) {
            throw Malformed.INSTANCE;
        }
        digits();
    }

    private void digits() {
        while (pos < b.length && isDigit(b[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Skips a string starting at {@code pos}; returns the index of its closing quote (the raw key end). */
    private int string() {
        expect('"');
        while (true) {
            byte x = next();
            if (x == '"') {
                return pos - 1;
            }
            if (x == '\\') {
                byte e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        byte h = next();
                        if (!isDigit(h) && (h < 'a' || h > 'f') && (h < 'A' || h > 'F')) {
                            throw Malformed.INSTANCE;
                        }
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    throw Malformed.INSTANCE;
                }
            } else if (x >= 0 && x < 0x20) {
                throw Malformed.INSTANCE; // control characters must be escaped
            }
        }
    }

    private void ws() {
        while (pos < b.length) {
            byte x = b[pos];
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= b.length) {
            throw Malformed.INSTANCE;
        }
        return b[pos];
    }

    private byte next() {
        if (pos >= b.length) {
            throw Malformed.INSTANCE;
        }
        return b[pos++];
    }

    private void expect(char c) {
        if (next() != c) {
            throw Malformed.INSTANCE;
        }
    }

    // raw comparison: an escaped spelling of the key never matches and is left to the tree-level removal
    private boolean equals(int start, int end, byte[] word) {
        if (end - start != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[start + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private void addCut(int start, int end) {
        if (cutCount * 2 == cuts.length) {
            cuts = java.util.Arrays.copyOf(cuts, cuts.length * 2);
        }
        cuts[cutCount * 2] = start;
        cuts[cutCount * 2 + 1] = end;
        cutCount++;
    }

    private byte[] assemble() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int from = 0;
        for (int i = 0; i < cutCount; i++) {
            out.write(b, from, cuts[i * 2] - from);
            from = cuts[i * 2 + 1];
        }
        out.write(b, from, b.length - from);
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Control flow for "leave the body as it is"; no stack trace, it is not an error. */
    private static final class Malformed extends RuntimeException {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }
}
