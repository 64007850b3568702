package dev.meshhook.kube;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes {@code resource.Quantity} canonical formatting, as Go prints a quantity after decoding it
 * ({@code 2000m} → {@code 2}, {@code 1024Mi} → {@code 1Gi}, {@code 1000} → {@code 1k}, {@code 0.5} → {@code 500m}).
 * Injected pods round-trip through the Go types upstream, so every quantity we emit must be canonical.
 */
public final class Quantity {
    private static final Pattern SYNTAX =
            Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger K1024 = BigInteger.valueOf(1024);

    private Quantity() {}

    /** The canonical text of {@code text}, or empty when it is not a valid quantity. */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches() || text.isBlank()) {
            return Optional.empty();
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal number = new BigDecimal(m.group(1).startsWith(".") || m.group(1).startsWith("+.") || m.group(1).startsWith("-.")
                ? m.group(1).replaceFirst("\\.", "0.") : m.group(1));
        char format; // 'b' binary SI, 'd' decimal SI, 'e' decimal exponent
        BigDecimal value;
        switch (suffix) {
            case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
                format = 'b';
                int power = indexOf(BINARY, suffix);
                value = number.multiply(new BigDecimal(K1024.pow(power)));
            }
            case "" -> { format = 'd'; value = number; }
            case "n" -> { format = 'd'; value = number.scaleByPowerOfTen(-9); }
            case "u" -> { format = 'd'; value = number.scaleByPowerOfTen(-6); }
            case "m" -> { format = 'd'; value = number.scaleByPowerOfTen(-3); }
            case "k" -> { format = 'd'; value = number.scaleByPowerOfTen(3); }
            case "M" -> { format = 'd'; value = number.scaleByPowerOfTen(6); }
            case "G" -> { format = 'd'; value = number.scaleByPowerOfTen(9); }
            case "T" -> { format = 'd'; value = number.scaleByPowerOfTen(12); }
            case "P" -> { format = 'd'; value = number.scaleByPowerOfTen(15); }
            case "E" -> { format = 'd'; value = number.scaleByPowerOfTen(18); }
            default -> { format = 'e'; value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1).replace("+", ""))); }
        }
        // Go rounds up to nano precision.
        if (value.scale() > 9) {
            value = value.setScale(9, java.math.RoundingMode.UP);
        }
        if (value.signum() == 0) {
            return Optional.of("0");
        }
        if (format == 'b') {
            boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean integral = value.stripTrailingZeros().scale() <= 0;
            if (small || !integral) {
                format = 'd';
            } else {
                BigInteger n = value.toBigIntegerExact();
                int power = 0;
                while (power < BINARY.length - 1 && n.mod(K1024).signum() == 0) {
                    n = n.divide(K1024);
                    power++;
                }
                return Optional.of(n + BINARY[power]);
            }
        }
        // Decimal: integer mantissa, exponent a multiple of 3, no more trailing zeros than needed.
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int rem = Math.floorMod(exponent, 3);
        if (rem != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(rem));
            exponent -= rem;
        }
        if (format == 'e') {
            return Optional.of(exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent);
        }
        String si = switch (exponent) {
            case -9 -> "n";
            case -6 -> "u";
            case -3 -> "m";
            case 0 -> "";
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            case 12 -> "T";
            case 15 -> "P";
            case 18 -> "E";
            default -> null;
        };
        if (si == null) {
            return Optional.of(mantissa + "e" + exponent);
        }
        return Optional.of(mantissa + si);
    }

    private static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException(v);
    }

}
