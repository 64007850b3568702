package dev.meshhook.validate;

import java.util.Optional;

/**
 * Durations as Istio sees them (validation-spec §1.6, §2.1.2): Go {@code time.ParseDuration} syntax for
 * decoding, and {@code ValidateDuration} (at least 1 ms, whole milliseconds) for the fields that use it.
 */
public final class Durations {
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** (1<<63)/10 as an unsigned quantity, Go's leadingInt overflow bound. */
    private static final long LIMIT_DIV_10 = Long.divideUnsigned(1L << 63, 10);

    private Durations() {}

    /** A string that Go's {@code time.ParseDuration} rejects; the message is Go's error text. */
    public static final class SyntaxException extends IllegalArgumentException {
        public SyntaxException(String message) { super(message); }
    }

    /**
     * Parses a Go duration ({@code "1h2m"}, {@code "1.5s"}, {@code "-300us"}, {@code "0"}) into nanoseconds,
     * with Go's overflow rules (the range of a signed 64-bit nanosecond count).
     *
     * @throws SyntaxException with Go's message, e.g. {@code time: invalid duration "abc"}
     */
    public static long parseGo(String s) {
        String orig = s;
        int i = 0;
        int n = s.length();
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (n - i == 1 && s.charAt(i) == '0') {
            return 0;
        }
        if (i == n) {
            throw invalid(orig);
        }
        // Accumulate as an unsigned magnitude: Go allows exactly 1<<63 for a negative duration.
        long total = 0; // unsigned
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(orig);
            }
            int start = i;
            long v = 0; // unsigned, overflow-checked against 1<<63
            boolean overflow = false;
            while (i < n && isDigit(s.charAt(i))) {
                if (Long.compareUnsigned(v, LIMIT_DIV_10) > 0) {
                    overflow = true;
                    break;
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, 1L << 63) > 0) {
                    overflow = true;
                    break;
                }
                i++;
            }
            if (overflow) {
                throw invalid(orig);
            }
            boolean pre = i != start;
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fs = i;
                boolean fOverflow = false;
                while (i < n && isDigit(s.charAt(i))) {
                    if (!fOverflow) {
                        long y = f * 10 + (s.charAt(i) - '0');
                        if (f > Long.MAX_VALUE / 10 || Long.compareUnsigned(y, 1L << 63) > 0) {
                            fOverflow = true; // Go ignores further fraction digits once they cannot matter
                        } else {
                            f = y;
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i != fs;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int us = i;
            while (i < n && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (us == i) {
                throw new SyntaxException("time: missing unit in duration " + quote(orig));
            }
            long unit = unitNanos(s, us, i);
            if (unit < 0) {
                throw new SyntaxException("time: unknown unit " + quote(s.substring(us, i)) + " in duration "
                        + quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(1L << 63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f != 0) {
                // Go: v += uint64(float64(f) * (float64(unit) / scale)), overflow checked
                double fd = f >= 0 ? (double) f : 0x1p63;
                long add = (long) (fd * ((double) unit / scale));
                v += add;
                if (Long.compareUnsigned(v, 1L << 63) > 0) {
                    throw invalid(orig);
                }
            }
            total += v;
            if (Long.compareUnsigned(total, 1L << 63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -total; // 1<<63 negated stays Long.MIN_VALUE, which is correct
        }
        if (total == (1L << 63)) {
            throw invalid(orig);
        }
        return total;
    }

    /**
     * Istio's {@code ValidateDuration}: the message for a set duration that is below 1 ms or not a whole number
     * of milliseconds, or empty when it is acceptable.
     */
    public static Optional<String> validate(long nanos) {
        if (nanos < NANOS_PER_MILLI) {
            return Optional.of("duration must be greater than 1ms");
        }
        if (nanos % NANOS_PER_MILLI != 0) {
            return Optional.of("only durations to ms precision are supported");
        }
        return Optional.empty();
    }

    /**
     * Checks a duration field value as it arrives in JSON: parses it with Go syntax and applies
     * {@link #validate(long)}. A syntax error is reported with the decoder's prefix {@code bad Duration: }.
     */
    public static Optional<String> validate(String goDuration) {
        long nanos;
        try {
            nanos = parseGo(goDuration);
        } catch (SyntaxException e) {
            return Optional.of("bad Duration: " + e.getMessage());
        }
        return validate(nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Nanoseconds per unit for the unit text {@code s[from, to)}, or -1 when it is not one of Go's units. */
    private static long unitNanos(String s, int from, int to) {
        char c = s.charAt(from);
        if (to - from == 1) {
            switch (c) {
                case 's': return NANOS_PER_SECOND;
                case 'm': return 60L * NANOS_PER_SECOND;
                case 'h': return 3600L * NANOS_PER_SECOND;
                default: return -1;
            }
        }
        if (to - from != 2 || s.charAt(from + 1) != 's') {
            return -1;
        }
        switch (c) {
            case 'n': return 1L;
            case 'u':
            case '\u00b5': // micro sign
            case '\u03bc': // Greek small letter mu
                return 1_000L;
            case 'm': return NANOS_PER_MILLI;
            default: return -1;
        }
    }

    private static SyntaxException invalid(String orig) {
        return new SyntaxException("time: invalid duration " + quote(orig));
    }

    /** Go's {@code time.quote}: double quotes, backslash-escaped quote/backslash, other non-ASCII/control bytes as \xNN. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 || cp < ' ') {
                byte[] bytes = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte by : bytes) {
                    b.append("\\x").append(Character.forDigit((by >> 4) & 0xF, 16)).append(Character.forDigit(by & 0xF, 16));
                }
            } else {
                if (cp == '"' || cp == '\\') {
                    b.append('\\');
                }
                b.append((char) cp);
            }
        }
        return b.append('"').toString();
    }
}
