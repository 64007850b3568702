package dev.meshhook.gotemplate;

/** Go strings/unicode helpers with Go's exact character classes. */
final class GoStrings {
    private GoStrings() {}

    /** Go unicode.IsSpace. */
    static boolean isSpace(int c) {
        switch (c) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
                return true;
            default:
                return c > 0xFF && Character.isSpaceChar(c);
        }
    }

    /** Go strings.TrimSpace. */
    static String trimSpace(String s) {
        int b = 0, e = s.length();
        while (b < e && isSpace(s.codePointAt(b))) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (e > b && isSpace(s.codePointBefore(e))) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    /** Go strings.Trim(s, cutset). */
    static String trim(String s, String cutset) {
        int b = 0, e = s.length();
        while (b < e && cutset.indexOf(s.codePointAt(b)) >= 0) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (e > b && cutset.indexOf(s.codePointBefore(e)) >= 0) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    static String trimLeft(String s, String cutset) {
        int b = 0;
        while (b < s.length() && cutset.indexOf(s.codePointAt(b)) >= 0) {
            b += Character.charCount(s.codePointAt(b));
        }
        return s.substring(b);
    }

    static String trimRight(String s, String cutset) {
        int e = s.length();
        while (e > 0 && cutset.indexOf(s.codePointBefore(e)) >= 0) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(0, e);
    }

    /** UTF-8 length of a Java string (Go's len of a string). */
    static int byteLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static byte[] utf8(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

    /** Decodes UTF-8 bytes as Go would when converting []byte to string for printing (invalid bytes become U+FFFD). */
    static String fromUtf8(byte[] b, int off, int len) {
        return new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
    }
}
