package dev.meshhook.gotemplate;

/** Go's path package (slash-separated paths). */
final class GoPath {
    private GoPath() {}

    /** path.Split: dir keeps its trailing slash. */
    static String[] split(String p) {
        int i = p.lastIndexOf('/');
        return new String[] {p.substring(0, i + 1), p.substring(i + 1)};
    }

    static String base(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        while (p.length() > 0 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        if (i >= 0) {
            p = p.substring(i + 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    static String dir(String p) {
        String d = split(p)[0];
        return clean(d);
    }

    static String ext(String p) {
        for (int i = p.length() - 1; i >= 0 && p.charAt(i) != '/'; i--) {
            if (p.charAt(i) == '.') {
                return p.substring(i);
            }
        }
        return "";
    }

    /** path.Clean. */
    static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.charAt(0) == '/';
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.pollLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(seg);
        }
        String out = String.join("/", parts);
        if (rooted) {
            return "/" + out;
        }
        return out.isEmpty() ? "." : out;
    }
}
