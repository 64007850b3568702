package dev.meshhook.gotemplate;

/** One parsed template body: the top-level text or a {{define}}/{{block}}. Immutable after parsing. */
final class Tree {
    final String name;
    /** Name of the top-level template whose text contains this tree (Go's ParseName). */
    final String parseName;
    final String text;
    Node.ListNode root;

    Tree(String name, String parseName, String text) {
        this.name = name;
        this.parseName = parseName;
        this.text = text;
    }

    /** Go's ErrorContext location: {@code parseName:line:col} with col the 0-based byte offset in the line. */
    String location(Node n) {
        int p = Math.min(n.pos, text.length());
        int nl = text.lastIndexOf('\n', p - 1);
        int line = 1;
        for (int i = 0; i < p; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int col = nl < 0 ? byteLen(text, 0, p) : byteLen(text, nl + 1, p);
        return parseName + ":" + line + ":" + col;
    }

    private static int byteLen(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Go's parse.IsEmptyTree. */
    static boolean isEmpty(Node n) {
        if (n == null || n instanceof Node.CommentNode) {
            return true;
        }
        if (n instanceof Node.ListNode) {
            for (Node c : ((Node.ListNode) n).nodes) {
                if (!isEmpty(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof Node.TextNode) {
            return isAllGoSpace(((Node.TextNode) n).text);
        }
        return false;
    }

    private static boolean isAllGoSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!GoStrings.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
