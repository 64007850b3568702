package dev.meshhook.inject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code google.protobuf.Duration} as it appears in ProxyConfig/MeshConfig JSON ({@code "45s"}, {@code "1.5s"}).
 * Prints in two dialects: protobuf JSON ({@link #protoJson()}) and Go {@code time.Duration.String()}
 * ({@link #goString()}, used by the {@code formatDuration} template function).
 */
public record ProtoDuration(long seconds, int nanos) {
    private static final Pattern FORMAT = Pattern.compile("^(-)?(\\d+)(?:\\.(\\d{1,9}))?s$");

    /** Parses protobuf JSON duration text; throws IllegalArgumentException with a Go-like message. */
    public static ProtoDuration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) throw new IllegalArgumentException("bad Duration: " + Json.goQuote(String.valueOf(text)));
        long s = Long.parseLong(m.group(2));
        String frac = m.group(3) == null ? "" : m.group(3);
        int n = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
        if (m.group(1) != null) {
            s = -s;
            n = -n;
        }
        return new ProtoDuration(s, n);
    }

    /** Protobuf JSON form: seconds with 0, 3, 6 or 9 fractional digits and an {@code s} suffix. */
    public String protoJson() {
        long s = seconds;
        int n = nanos;
        StringBuilder b = new StringBuilder();
        if (s < 0 || n < 0) {
            b.append('-');
            s = Math.abs(s);
            n = Math.abs(n);
        }
        b.append(s);
        if (n != 0) {
            String f = String.format("%09d", n);
            if (f.endsWith("000000")) f = f.substring(0, 3);
            else if (f.endsWith("000")) f = f.substring(0, 6);
            b.append('.').append(f);
        }
        return b.append('s').toString();
    }

    /** Go {@code time.Duration.String()}: {@code 23s}, {@code 1m30s}, {@code 1.5s}, {@code 0s}, {@code 100ms}. */
    public String goString() {
        long total = seconds * 1_000_000_000L + nanos;
        if (total == 0) return "0s";
        boolean neg = total < 0;
        long u = Math.abs(total);
        StringBuilder b = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1_000L) { unit = "ns"; div = 1; }
            else if (u < 1_000_000L) { unit = "µs"; div = 1_000L; }
            else { unit = "ms"; div = 1_000_000L; }
            b.append(fraction(u, div)).append(unit);
        } else {
            long h = u / 3_600_000_000_000L;
            long rem = u % 3_600_000_000_000L;
            long m = rem / 60_000_000_000L;
            long sn = rem % 60_000_000_000L;
            if (h > 0) b.append(h).append('h');
            if (h > 0 || m > 0) b.append(m).append('m');
            b.append(fraction(sn, 1_000_000_000L)).append('s');
        }
        return neg ? "-" + b : b.toString();
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long frac = v % div;
        if (frac == 0) return Long.toString(whole);
        int digits = Long.toString(div).length() - 1;
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
