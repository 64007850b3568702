package dev.meshhook.inject.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * k8s {@code resource.Quantity} parsing and canonical formatting (apimachinery v0.36): what a quantity string
 * becomes after a Go round trip, e.g. {@code 2000m -> 2}, {@code 1024Mi -> 1Gi}, {@code 100Mi -> 100Mi}.
 */
public final class Quantity {

    static final String ERR_FORMAT =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String ERR_SUFFIX = "unable to parse quantity's suffix";
    static final String ERR_NUMERIC = "unable to parse numeric part of quantity";

    private static final BigInteger MAX_ALLOWED = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger B1024 = BigInteger.valueOf(1024);

    private enum Format { DECIMAL_EXPONENT, DECIMAL_SI, BINARY_SI }

    private Quantity() {
    }

    /** Thrown with Go's error text for an unparsable quantity. */
    public static final class QuantityException extends IllegalArgumentException {
        QuantityException(String message) {
            super(message);
        }
    }

    /** Parses {@code text} like {@code resource.ParseQuantity} and returns what {@code Quantity.String()} prints. */
    public static String canonical(String text) {
        String str = text.strip();
        if (str.isEmpty()) {
            throw new QuantityException(ERR_FORMAT);
        }
        if (str.equals("0")) {
            return "0";
        }
        Parts p = parts(str);
        int base;
        int exponent;
        Format format;
        String suf = p.suffix;
        switch (suf) {
            case "n" -> { base = 10; exponent = -9; format = Format.DECIMAL_SI; }
            case "u" -> { base = 10; exponent = -6; format = Format.DECIMAL_SI; }
            case "m" -> { base = 10; exponent = -3; format = Format.DECIMAL_SI; }
            case "" -> { base = 10; exponent = 0; format = Format.DECIMAL_SI; }
            case "k" -> { base = 10; exponent = 3; format = Format.DECIMAL_SI; }
            case "M" -> { base = 10; exponent = 6; format = Format.DECIMAL_SI; }
            case "G" -> { base = 10; exponent = 9; format = Format.DECIMAL_SI; }
            case "T" -> { base = 10; exponent = 12; format = Format.DECIMAL_SI; }
            case "P" -> { base = 10; exponent = 15; format = Format.DECIMAL_SI; }
            case "E" -> { base = 10; exponent = 18; format = Format.DECIMAL_SI; }
            case "Ki" -> { base = 2; exponent = 10; format = Format.BINARY_SI; }
            case "Mi" -> { base = 2; exponent = 20; format = Format.BINARY_SI; }
            case "Gi" -> { base = 2; exponent = 30; format = Format.BINARY_SI; }
            case "Ti" -> { base = 2; exponent = 40; format = Format.BINARY_SI; }
            case "Pi" -> { base = 2; exponent = 50; format = Format.BINARY_SI; }
            case "Ei" -> { base = 2; exponent = 60; format = Format.BINARY_SI; }
            default -> {
                if (suf.length() > 1 && (suf.charAt(0) == 'e' || suf.charAt(0) == 'E')) {
                    try {
                        exponent = Math.toIntExact(Long.parseLong(suf.substring(1)));
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw new QuantityException(ERR_SUFFIX);
                    }
                    base = 10;
                    format = Format.DECIMAL_EXPONENT;
                } else {
                    throw new QuantityException(ERR_SUFFIX);
                }
            }
        }

        // Fast path of the Go implementation: it keeps the input text when it is already canonical.
        String cached = cachedText(str, p, base, exponent, format);
        if (cached != null) {
            return cached;
        }

        BigDecimal amount;
        try {
            String digits = p.num + (p.denom.isEmpty() ? "" : "." + p.denom);
            amount = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new QuantityException(ERR_NUMERIC);
        }
        if (base == 10) {
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            amount = new BigDecimal(amount.unscaledValue().shiftLeft(exponent), amount.scale());
        }
        if (amount.signum() != 0) {
            // Non-zero values are rounded up to the smallest representable amount (nano).
            if (amount.scale() > 9) {
                amount = amount.setScale(9, RoundingMode.UP);
            }
        }
        if (format == Format.BINARY_SI && amount.compareTo(new BigDecimal(MAX_ALLOWED)) > 0) {
            amount = new BigDecimal(MAX_ALLOWED);
        }
        if (format == Format.BINARY_SI && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
            format = Format.DECIMAL_SI;
        }
        if (!p.positive) {
            amount = amount.negate();
        }
        return format(amount, format);
    }

    private record Parts(boolean positive, String value, String num, String denom, String suffix) {}

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Parts parts(String str) {
        boolean positive = true;
        int pos = 0;
        int end = str.length();
        if (str.charAt(0) == '-') {
            positive = false;
            pos++;
        } else if (str.charAt(0) == '+') {
            pos++;
        }
        while (pos < end && str.charAt(pos) == '0') {
            pos++;
        }
        if (pos >= end) {
            return new Parts(positive, "0", "0", "", "");
        }
        int i = pos;
        while (i < end && digit(str.charAt(i))) {
            i++;
        }
        String num = str.substring(pos, i);
        if (i >= end) {
            return new Parts(positive, str, num.isEmpty() ? "0" : num, "", "");
        }
        pos = i;
        if (num.isEmpty()) {
            num = "0";
        }
        String denom = "";
        if (str.charAt(pos) == '.') {
            pos++;
            i = pos;
            while (i < end && digit(str.charAt(i))) {
                i++;
            }
            denom = str.substring(pos, i);
            if (i >= end) {
                return new Parts(positive, str, num, denom, "");
            }
            pos = i;
        }
        String value = str.substring(0, pos);
        int suffixStart = pos;
        i = pos;
        while (i < end && "eEinumkKMGTP".indexOf(str.charAt(i)) >= 0) {
            i++;
        }
        if (i >= end) {
            return new Parts(positive, value, num, denom, str.substring(suffixStart));
        }
        pos = i;
        if (str.charAt(pos) == '-' || str.charAt(pos) == '+') {
            pos++;
        }
        for (i = pos; i < end; i++) {
            if (!digit(str.charAt(i))) {
                throw new QuantityException(ERR_FORMAT);
            }
        }
        return new Parts(positive, value, num, denom, str.substring(suffixStart));
    }

    private static String cachedText(String str, Parts p, int base, int exponent, Format format) {
        int precision;
        long mantissa = 1;
        int scale = 0;
        switch (format) {
            case DECIMAL_EXPONENT, DECIMAL_SI -> {
                scale = exponent;
                precision = 18 - (p.num.length() + p.denom.length());
            }
            default -> {
                if (exponent >= 0 && p.denom.isEmpty()) {
                    mantissa = 1L << exponent;
                    precision = 15 - p.num.length() - (int) ((float) exponent * 3 / 10) - 1;
                } else {
                    precision = -1;
                }
            }
        }
        if (precision < 0) {
            return null;
        }
        scale -= p.denom.length();
        if (scale < -9) {
            return null;
        }
        String shifted = p.num + p.denom;
        long value;
        try {
            value = Long.parseLong(shifted);
        } catch (NumberFormatException e) {
            return null;
        }
        try {
            Math.multiplyExact(value, mantissa);
        } catch (ArithmeticException e) {
            return null;
        }
        if (format == Format.BINARY_SI) {
            return exponent % 10 == 0 && (value & 0x07) != 0 ? str : null;
        }
        return scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0' ? str : null;
    }

    private static String format(BigDecimal amount, Format format) {
        if (amount.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            if (amount.compareTo(BigDecimal.valueOf(-1024)) > 0 && amount.compareTo(BigDecimal.valueOf(1024)) < 0) {
                format = Format.DECIMAL_SI;
            } else if (amount.stripTrailingZeros().scale() > 0) {
                format = Format.DECIMAL_SI;
            }
        }
        if (format == Format.BINARY_SI) {
            BigInteger v = amount.toBigIntegerExact();
            int exp = 0;
            while (v.signum() != 0 && v.mod(B1024).signum() == 0) {
                v = v.divide(B1024);
                exp++;
            }
            String[] bin = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
            return v + (exp < bin.length ? bin[exp] : "");
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        BigInteger unscaled = stripped.unscaledValue();
        int exponent = -stripped.scale();
        while (exponent % 3 != 0) {
            unscaled = unscaled.multiply(BigInteger.TEN);
            exponent--;
        }
        String suffix;
        if (format == Format.DECIMAL_EXPONENT) {
            suffix = exponent == 0 ? "" : "e" + exponent;
        } else {
            suffix = switch (exponent) {
                case -9 -> "n";
                case -6 -> "u";
                case -3 -> "m";
                case 3 -> "k";
                case 6 -> "M";
                case 9 -> "G";
                case 12 -> "T";
                case 15 -> "P";
                case 18 -> "E";
                default -> "";
            };
        }
        return unscaled + suffix;
    }
}
