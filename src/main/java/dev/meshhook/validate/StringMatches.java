package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** VirtualService string matches and regexes (§2.1.7): Go RE2 syntax via RE2/J. */
public final class StringMatches {
    private StringMatches() {}

    static final int MAX_REGEX_BYTES = 1024;

    /**
     * A full StringMatch check: empty prefix rejected (unless {@code uri}), regex rules. {@code where}
     * is the field named in messages ({@code headers}, {@code uri}, ...).
     */
    public static void check(JsonNode sm, String where, boolean allowEmptyPrefix, Findings f) {
        if (sm == null) {
            return;
        }
        JsonNode prefix = Json.get(sm, "prefix");
        JsonNode regex = Json.get(sm, "regex");
        if (prefix != null && regex == null) {
            if (!allowEmptyPrefix && prefix.asText().isEmpty()) {
                f.error(GoFormat.quote(where) + ": prefix string match should not be empty");
            }
        } else if (regex != null) {
            String e = regexError(regex.asText(), where);
            if (e != null) {
                f.error(e);
            }
        }
    }

    /** {@code validateStringRegexp}: non-empty, at most 1024 bytes, compiles as RE2. */
    public static String regexError(String re, String where) {
        if (re.isEmpty()) {
            return GoFormat.quote(where) + ": regex string match should not be empty";
        }
        return regexErrorAllowEmpty(re, where);
    }

    /** Like {@link #regexError} but an empty regex passes (it compiles). */
    public static String regexErrorAllowEmpty(String re, String where) {
        // A UTF-16 unit takes at most 3 UTF-8 bytes, so short patterns skip the byte count.
        if (re.length() > MAX_REGEX_BYTES || (re.length() > MAX_REGEX_BYTES / 3
                && re.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_REGEX_BYTES)) {
            return GoFormat.quote(where) + ": regex is too large, max length allowed is " + MAX_REGEX_BYTES;
        }
        String ce = compileError(re);
        if (ce != null) {
            return GoFormat.quote(where) + ": " + ce
                    + "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";
        }
        return null;
    }

    /** Compile results by pattern text; validity is a pure function of the text, so sharing is safe. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> COMPILED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;
    private static final String VALID = "";

    /**
     * The Go-style compile error of an RE2 pattern ({@code error parsing regexp: ...}), or null.
     * Each distinct pattern is compiled once; results are kept in a bounded cache because the same
     * routes are re-validated on every UPDATE.
     */
    public static String compileError(String re) {
        String cached = COMPILED.get(re);
        if (cached == null) {
            try {
                Pattern.compile(re);
                cached = VALID;
            } catch (PatternSyntaxException e) {
                String m = e.getMessage();
                cached = m == null ? "error parsing regexp" : m;
            }
            if (COMPILED.size() >= CACHE_LIMIT) {
                COMPILED.clear();
            }
            COMPILED.put(re, cached);
        }
        return cached.isEmpty() ? null : cached;
    }
}
