package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text helpers that reproduce Go output: {@code encoding/json} serialisation of a tree whose key order is already
 * the wanted one (HTML-safe escaping of {@code <>&}, U+2028/U+2029), and {@code fmt %v} of decoded generic JSON
 * (used inside Go error texts such as {@code map[name:x] does not contain declared merge key}).
 */
public final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** Serialises {@code node} exactly as Go {@code json.Marshal} would, keeping the node's key order. */
    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        write(node, sb);
        return sb.toString();
    }

    static void write(JsonNode node, StringBuilder sb) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), sb);
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isNumber()) {
            sb.append(number(node));
        } else {
            string(node.asText(), sb);
        }
    }

    /** A JSON string literal with Go's escaping rules. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(s, sb);
        return sb.toString();
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, sb);
                default -> {
                    if (c < 0x20) {
                        unicode(c, sb);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicode(char c, StringBuilder sb) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }

    /** A number as Go prints a float64 in JSON (integers without exponent below 1e21). */
    public static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        return float64(n.doubleValue());
    }

    /** Go {@code strconv.FormatFloat(f, 'g'-like JSON rules)} as used by {@code encoding/json} for float64. */
    public static String float64(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toBigInteger().toString();
        }
        double abs = Math.abs(d);
        BigDecimal shortest = new BigDecimal(Double.toString(d));
        if (abs < 1e-6 || abs >= 1e21) {
            // Go: mantissa 'e' sign two-digit-minimum exponent, then strips to at least one digit ("1e-07" -> "1e-7")
            String plain = shortest.stripTrailingZeros().unscaledValue().abs().toString();
            int exp = plain.length() - 1 - shortest.stripTrailingZeros().scale();
            String mant = plain.length() > 1 ? plain.charAt(0) + "." + plain.substring(1) : plain;
            return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp);
        }
        return shortest.stripTrailingZeros().toPlainString();
    }

    /** Go {@code fmt.Sprintf("%v", v)} for a value decoded from JSON into {@code interface{}}. */
    public static String goValue(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        goValue(v, sb);
        return sb.toString();
    }

    private static void goValue(JsonNode v, StringBuilder sb) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("<nil>");
        } else if (v.isObject()) {
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            sb.append("map[");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(keys.get(i)).append(':');
                goValue(v.get(keys.get(i)), sb);
            }
            sb.append(']');
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                goValue(v.get(i), sb);
            }
            sb.append(']');
        } else if (v.isNumber()) {
            sb.append(formatG(v.doubleValue()));
        } else {
            sb.append(v.asText());
        }
    }

    /** Go {@code %v} of a float64: shortest digits, exponent form when the exponent is below -4 or at least 6. */
    static String formatG(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            String e = Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + bd.toPlainString();
    }
}
