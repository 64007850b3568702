package dev.meshhook.gotemplate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * sprig v3.3.0 TxtFuncMap functions (Masterminds/sprig), with Go signatures so the engine's argument conversion
 * and error texts match. Not covered: date/time (need Go time.Time values), crypto/certificates, semver,
 * getHostByName, and xstrings case conversions.
 */
final class Sprig {
    private Sprig() {}

    static final GoType ANY = GoType.ANY;
    static final GoType STR = GoType.STRING;
    static final GoType INT = GoType.INT;
    static final GoType BOOL = GoType.BOOL;
    static final GoType MSA = GoType.MAP_STRING_ANY;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The functions below that draw from {@link #RANDOM} or generate UUIDs; keep in step when adding one. */
    static final Set<String> NONDETERMINISTIC = Set.of("randAlphaNum", "randAlpha", "randNumeric", "randAscii",
            "randInt", "uuidv4");

    private static GoType t(String s) {
        switch (s) {
            case "any": return ANY;
            case "string": return STR;
            case "int": return INT;
            case "bool": return BOOL;
            case "map": return MSA;
            default: return GoType.parse(s);
        }
    }

    /** Declares a function; signature is space-separated Go types, a trailing "..." marks the last as variadic. */
    static Function fn(String name, String sig, Function.Body body) {
        boolean variadic = sig.endsWith("...");
        if (variadic) {
            sig = sig.substring(0, sig.length() - 3);
        }
        List<GoType> ps = new ArrayList<>();
        for (String p : sig.trim().split("\\s+")) {
            if (!p.isEmpty()) {
                ps.add(t(p));
            }
        }
        return variadic ? Function.variadic(name, ps, body) : Function.of(name, ps, body);
    }

    static FuncMap funcs(UnaryOperator<String> env) {
        List<Function> f = new ArrayList<>();
        // strings
        f.add(fn("hello", "", a -> "Hello!"));
        f.add(fn("trunc", "int string", a -> trunc((Long) a[0], (String) a[1])));
        f.add(fn("abbrev", "int string", a -> abbrev((Long) a[0], (String) a[1])));
        f.add(fn("trim", "string", a -> GoStrings.trimSpace((String) a[0])));
        f.add(fn("upper", "string", a -> ((String) a[0]).toUpperCase(java.util.Locale.ROOT)));
        f.add(fn("lower", "string", a -> ((String) a[0]).toLowerCase(java.util.Locale.ROOT)));
        f.add(fn("title", "string", a -> title((String) a[0])));
        f.add(fn("untitle", "string", a -> untitle((String) a[0])));
        f.add(fn("substr", "int int string", a -> substr((Long) a[0], (Long) a[1], (String) a[2])));
        f.add(fn("repeat", "int string", a -> repeat((Long) a[0], (String) a[1])));
        f.add(fn("trimall", "string string", a -> GoStrings.trim((String) a[1], (String) a[0])));
        f.add(fn("trimAll", "string string", a -> GoStrings.trim((String) a[1], (String) a[0])));
        f.add(fn("trimSuffix", "string string", a -> {
            String s = (String) a[1], x = (String) a[0];
            return s.endsWith(x) ? s.substring(0, s.length() - x.length()) : s;
        }));
        f.add(fn("trimPrefix", "string string", a -> {
            String s = (String) a[1], x = (String) a[0];
            return s.startsWith(x) ? s.substring(x.length()) : s;
        }));
        f.add(fn("nospace", "string", a -> nospace((String) a[0])));
        f.add(fn("initials", "string", a -> initials((String) a[0])));
        f.add(fn("randAlphaNum", "int", a -> random((Long) a[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")));
        f.add(fn("randAlpha", "int", a -> random((Long) a[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")));
        f.add(fn("randNumeric", "int", a -> random((Long) a[0], "0123456789")));
        f.add(fn("randAscii", "int", a -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < (Long) a[0]; i++) {
                sb.append((char) (32 + RANDOM.nextInt(95)));
            }
            return sb.toString();
        }));
        f.add(fn("contains", "string string", a -> ((String) a[1]).contains((String) a[0])));
        f.add(fn("hasPrefix", "string string", a -> ((String) a[1]).startsWith((String) a[0])));
        f.add(fn("hasSuffix", "string string", a -> ((String) a[1]).endsWith((String) a[0])));
        f.add(fn("quote", "any...", a -> {
            List<String> out = new ArrayList<>();
            for (Object s : a) {
                if (s != null) {
                    out.add(GoFmt.quote(strval(s)));
                }
            }
            return String.join(" ", out);
        }));
        f.add(fn("squote", "any...", a -> {
            List<String> out = new ArrayList<>();
            for (Object s : a) {
                if (s != null) {
                    out.add("'" + strval(s) + "'");
                }
            }
            return String.join(" ", out);
        }));
        f.add(fn("cat", "any...", a -> {
            List<Object> v = new ArrayList<>();
            for (Object s : a) {
                if (s != null) {
                    v.add(s);
                }
            }
            return GoFmt.sprintf(GoStrings.trimSpace("%v ".repeat(v.size())), v.toArray());
        }));
        f.add(fn("indent", "int string", a -> indent((Long) a[0], (String) a[1])));
        f.add(fn("nindent", "int string", a -> "\n" + indent((Long) a[0], (String) a[1])));
        f.add(fn("replace", "string string string", a -> ((String) a[2]).replace((String) a[0], (String) a[1])));
        f.add(fn("plural", "string string int", a -> (Long) a[2] == 1 ? a[0] : a[1]));
        f.add(fn("sha1sum", "string", a -> digest("SHA-1", (String) a[0])));
        f.add(fn("sha256sum", "string", a -> digest("SHA-256", (String) a[0])));
        f.add(fn("sha512sum", "string", a -> digest("SHA-512", (String) a[0])));
        f.add(fn("adler32sum", "string", a -> {
            java.util.zip.Adler32 ad = new java.util.zip.Adler32();
            ad.update(GoStrings.utf8((String) a[0]));
            return Long.toString(ad.getValue());
        }));
        f.add(fn("toString", "any", a -> strval(a[0])));
        // conversions and math
        f.add(fn("atoi", "string", a -> {
            try {
                return Long.parseLong((String) a[0]);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }));
        f.add(fn("int64", "any", a -> new GoInt(GoType.INT64, toInt64(a[0]))));
        f.add(fn("int", "any", a -> toInt64(a[0])));
        f.add(fn("float64", "any", a -> toFloat64(a[0])));
        f.add(fn("toDecimal", "any", a -> {
            try {
                return new GoInt(GoType.INT64, Long.parseLong(strval(a[0]), 8));
            } catch (NumberFormatException e) {
                return new GoInt(GoType.INT64, 0);
            }
        }));
        f.add(fn("seq", "int...", Sprig::seq));
        f.add(fn("split", "string string", a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] parts = goSplit((String) a[1], (String) a[0], -1);
            for (int i = 0; i < parts.length; i++) {
                m.put("_" + i, parts[i]);
            }
            return m;
        }));
        f.add(fn("splitList", "string string", a -> new GoSlice(GoType.SLICE_STRING, Arrays.asList((Object[]) goSplit((String) a[1], (String) a[0], -1)))));
        f.add(fn("splitn", "string int string", a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] parts = goSplit((String) a[2], (String) a[0], (int) (long) (Long) a[1]);
            for (int i = 0; i < parts.length; i++) {
                m.put("_" + i, parts[i]);
            }
            return m;
        }));
        f.add(fn("toStrings", "any", a -> new GoSlice(GoType.SLICE_STRING, new ArrayList<Object>(strslice(a[0])))));
        f.add(fn("until", "int", a -> {
            long c = (Long) a[0];
            return untilStep(0, c, c < 0 ? -1 : 1);
        }));
        f.add(fn("untilStep", "int int int", a -> untilStep((Long) a[0], (Long) a[1], (Long) a[2])));
        f.add(fn("add1", "any", a -> new GoInt(GoType.INT64, toInt64(a[0]) + 1)));
        f.add(fn("add", "any...", a -> {
            long s = 0;
            for (Object x : a) {
                s += toInt64(x);
            }
            return new GoInt(GoType.INT64, s);
        }));
        f.add(fn("sub", "any any", a -> new GoInt(GoType.INT64, toInt64(a[0]) - toInt64(a[1]))));
        f.add(fn("div", "any any", a -> {
            long d = toInt64(a[1]);
            if (d == 0) {
                throw new GoFuncException("runtime error: integer divide by zero");
            }
            return new GoInt(GoType.INT64, toInt64(a[0]) / d);
        }));
        f.add(fn("mod", "any any", a -> {
            long d = toInt64(a[1]);
            if (d == 0) {
                throw new GoFuncException("runtime error: integer divide by zero");
            }
            return new GoInt(GoType.INT64, toInt64(a[0]) % d);
        }));
        f.add(fn("mul", "any any...", a -> {
            long s = toInt64(a[0]);
            for (int i = 1; i < a.length; i++) {
                s *= toInt64(a[i]);
            }
            return new GoInt(GoType.INT64, s);
        }));
        f.add(fn("randInt", "int int", a -> {
            long min = (Long) a[0], max = (Long) a[1];
            if (max <= min) {
                throw new GoFuncException("invalid argument to Intn");
            }
            return min + (long) (RANDOM.nextDouble() * (max - min));
        }));
        f.add(fn("add1f", "any", a -> decimalOp(toFloat64(a[0]), new Object[] {1.0}, BigDecimal::add)));
        f.add(fn("addf", "any...", a -> decimalOp(0.0, a, BigDecimal::add)));
        f.add(fn("subf", "any any...", a -> decimalOp(toFloat64(a[0]), Builtins.rest(a), BigDecimal::subtract)));
        f.add(fn("divf", "any any...", a -> decimalOp(toFloat64(a[0]), Builtins.rest(a),
                (x, y) -> x.divide(y, new MathContext(17, RoundingMode.HALF_EVEN)))));
        f.add(fn("mulf", "any any...", a -> decimalOp(toFloat64(a[0]), Builtins.rest(a), BigDecimal::multiply)));
        f.add(fn("biggest", "any any...", a -> minmax(a, true)));
        f.add(fn("max", "any any...", a -> minmax(a, true)));
        f.add(fn("min", "any any...", a -> minmax(a, false)));
        f.add(fn("maxf", "any any...", a -> {
            double m = toFloat64(a[0]);
            for (int i = 1; i < a.length; i++) {
                m = Math.max(m, toFloat64(a[i]));
            }
            return m;
        }));
        f.add(fn("minf", "any any...", a -> {
            double m = toFloat64(a[0]);
            for (int i = 1; i < a.length; i++) {
                m = Math.min(m, toFloat64(a[i]));
            }
            return m;
        }));
        f.add(fn("ceil", "any", a -> Math.ceil(toFloat64(a[0]))));
        f.add(fn("floor", "any", a -> Math.floor(toFloat64(a[0]))));
        f.add(fn("round", "any int float64...", a -> {
            double roundOn = a.length > 2 ? (Double) a[2] : 0.5;
            double val = toFloat64(a[0]);
            double pow = Math.pow(10, (Long) a[1]);
            double digit = pow * val;
            double[] mod = {Math.floor(digit), digit - Math.floor(digit)};
            double r = mod[1] >= roundOn ? Math.ceil(digit) : Math.floor(digit);
            return r / pow;
        }));
        // lists
        f.add(fn("join", "string any", a -> String.join((String) a[0], strslice(a[1]))));
        f.add(fn("sortAlpha", "any", a -> {
            List<String> l = new ArrayList<>(strslice(a[0]));
            l.sort(GoFmt::compareGoStrings);
            return new GoSlice(GoType.SLICE_STRING, new ArrayList<Object>(l));
        }));
        f.add(fn("tuple", "any...", a -> new ArrayList<>(Arrays.asList(a))));
        f.add(fn("list", "any...", a -> new ArrayList<>(Arrays.asList(a))));
        Function.Body push = a -> {
            List<Object> l = listArg(a[0], "Cannot push on type %s");
            List<Object> r = new ArrayList<>(l);
            r.add(a[1]);
            return r;
        };
        f.add(fn("append", "any any", push));
        f.add(fn("push", "any any", push));
        f.add(fn("mustAppend", "any any", push));
        f.add(fn("mustPush", "any any", push));
        Function.Body prepend = a -> {
            List<Object> l = listArg(a[0], "Cannot prepend on type %s");
            List<Object> r = new ArrayList<>();
            r.add(a[1]);
            r.addAll(l);
            return r;
        };
        f.add(fn("prepend", "any any", prepend));
        f.add(fn("mustPrepend", "any any", prepend));
        Function.Body first = a -> {
            List<Object> l = listArg(a[0], "Cannot find first on type %s");
            return l.isEmpty() ? null : l.get(0);
        };
        f.add(fn("first", "any", first));
        f.add(fn("mustFirst", "any", first));
        Function.Body last = a -> {
            List<Object> l = listArg(a[0], "Cannot find last on type %s");
            return l.isEmpty() ? null : l.get(l.size() - 1);
        };
        f.add(fn("last", "any", last));
        f.add(fn("mustLast", "any", last));
        Function.Body rest = a -> {
            List<Object> l = listArg(a[0], "Cannot find rest on type %s");
            return l.isEmpty() ? null : new ArrayList<>(l.subList(1, l.size()));
        };
        f.add(fn("rest", "any", rest));
        f.add(fn("mustRest", "any", rest));
        Function.Body initial = a -> {
            List<Object> l = listArg(a[0], "Cannot find initial on type %s");
            return l.isEmpty() ? null : new ArrayList<>(l.subList(0, l.size() - 1));
        };
        f.add(fn("initial", "any", initial));
        f.add(fn("mustInitial", "any", initial));
        Function.Body reverse = a -> {
            List<Object> l = listArg(a[0], "Cannot find reverse on type %s");
            List<Object> r = new ArrayList<>(l);
            java.util.Collections.reverse(r);
            return r;
        };
        f.add(fn("reverse", "any", reverse));
        f.add(fn("mustReverse", "any", reverse));
        Function.Body uniq = a -> {
            List<Object> l = listArg(a[0], "Cannot find uniq on type %s");
            List<Object> r = new ArrayList<>();
            for (Object x : l) {
                if (!inList(r, x)) {
                    r.add(x);
                }
            }
            return r;
        };
        f.add(fn("uniq", "any", uniq));
        f.add(fn("mustUniq", "any", uniq));
        Function.Body without = a -> {
            List<Object> l = listArg(a[0], "Cannot find without on type %s");
            List<Object> omit = Arrays.asList(Builtins.rest(a));
            List<Object> r = new ArrayList<>();
            for (Object x : l) {
                if (!inList(omit, x)) {
                    r.add(x);
                }
            }
            return r;
        };
        f.add(fn("without", "any any...", without));
        f.add(fn("mustWithout", "any any...", without));
        Function.Body has = a -> {
            if (a[1] == null) {
                return false;
            }
            List<Object> l = listArg(a[1], "Cannot find has on type %s");
            return inList(l, a[0]);
        };
        f.add(fn("has", "any any", has));
        f.add(fn("mustHas", "any any", has));
        Function.Body slice = a -> {
            Object list = a[0];
            List<Object> l = listArg(list, "list should be type of slice or array but %s");
            if (l.isEmpty()) {
                return null;
            }
            int start = a.length > 1 ? (int) toInt64(a[1]) : 0;
            int end = a.length > 2 ? (int) toInt64(a[2]) : l.size();
            if (start < 0 || end > l.size() || start > end) {
                throw new GoFuncException("reflect: slice index out of range");
            }
            List<Object> sub = new ArrayList<>(l.subList(start, end));
            return list instanceof GoSlice ? new GoSlice(((GoSlice) list).type(), sub) : sub;
        };
        f.add(fn("slice", "any any...", slice));
        f.add(fn("mustSlice", "any any...", slice));
        f.add(fn("concat", "any...", a -> {
            List<Object> r = new ArrayList<>();
            for (Object x : a) {
                r.addAll(listArg(x, "Cannot concat type %s as list"));
            }
            return r;
        }));
        Function.Body chunk = a -> {
            long size = (Long) a[0];
            List<Object> l = listArg(a[1], "Cannot chunk type %s");
            List<Object> r = new ArrayList<>();
            if (size <= 0) {
                throw new GoFuncException("runtime error: integer divide by zero");
            }
            for (int i = 0; i < l.size(); i += (int) size) {
                r.add(new ArrayList<>(l.subList(i, (int) Math.min(l.size(), i + size))));
            }
            return new GoSlice(GoType.sliceOf(GoType.SLICE_ANY), r);
        };
        f.add(fn("chunk", "int any", chunk));
        f.add(fn("mustChunk", "int any", chunk));
        Function.Body compact = a -> {
            List<Object> l = listArg(a[0], "Cannot compact on type %s");
            List<Object> r = new ArrayList<>();
            for (Object x : l) {
                if (!empty(x)) {
                    r.add(x);
                }
            }
            return r;
        };
        f.add(fn("compact", "any", compact));
        f.add(fn("mustCompact", "any", compact));
        // defaults, JSON, reflection
        f.add(fn("default", "any any...", a -> {
            if (a.length < 2 || empty(a[1])) {
                return a[0];
            }
            return a[1];
        }));
        f.add(fn("empty", "any", a -> empty(a[0])));
        f.add(fn("coalesce", "any...", a -> {
            for (Object x : a) {
                if (!empty(x)) {
                    return x;
                }
            }
            return null;
        }));
        f.add(fn("all", "any...", a -> {
            for (Object x : a) {
                if (empty(x)) {
                    return false;
                }
            }
            return true;
        }));
        f.add(fn("any", "any...", a -> {
            for (Object x : a) {
                if (!empty(x)) {
                    return true;
                }
            }
            return false;
        }));
        f.add(fn("fromJson", "string", a -> {
            try {
                return GoJson.decode((String) a[0]);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }));
        f.add(fn("mustFromJson", "string", a -> {
            try {
                return GoJson.decode((String) a[0]);
            } catch (IllegalArgumentException e) {
                throw new GoFuncException(e.getMessage());
            }
        }));
        f.add(fn("toJson", "any", a -> jsonOrEmpty(a[0], null)));
        f.add(fn("toPrettyJson", "any", a -> jsonOrEmpty(a[0], "  ")));
        f.add(fn("toRawJson", "any", a -> rawJson(a[0])));
        f.add(fn("mustToJson", "any", a -> mustJson(a[0], null)));
        f.add(fn("mustToPrettyJson", "any", a -> mustJson(a[0], "  ")));
        f.add(fn("mustToRawJson", "any", a -> rawJson(a[0])));
        f.add(fn("ternary", "any any bool", a -> (Boolean) a[2] ? a[0] : a[1]));
        f.add(fn("deepCopy", "any", a -> deepCopy(a[0])));
        f.add(fn("mustDeepCopy", "any", a -> deepCopy(a[0])));
        f.add(fn("typeOf", "any", a -> GoValues.typeName(a[0])));
        f.add(fn("typeIs", "string any", a -> a[0].equals(GoValues.typeName(a[1]))));
        f.add(fn("typeIsLike", "string any", a -> {
            String t = GoValues.typeName(a[1]);
            return a[0].equals(t) || ("*" + a[0]).equals(t);
        }));
        f.add(fn("kindOf", "any", a -> kindOf(a[0])));
        f.add(fn("kindIs", "string any", a -> a[0].equals(kindOf(a[1]))));
        f.add(fn("deepEqual", "any any", a -> deepEqual(a[0], a[1])));
        // OS, paths, encoding
        f.add(fn("env", "string", a -> Objects.requireNonNullElse(env.apply((String) a[0]), "")));
        f.add(fn("expandenv", "string", a -> expandEnv((String) a[0], env)));
        f.add(fn("base", "string", a -> GoPath.base((String) a[0])));
        f.add(fn("dir", "string", a -> GoPath.dir((String) a[0])));
        f.add(fn("clean", "string", a -> GoPath.clean((String) a[0])));
        f.add(fn("ext", "string", a -> GoPath.ext((String) a[0])));
        f.add(fn("isAbs", "string", a -> ((String) a[0]).startsWith("/")));
        f.add(fn("osBase", "string", a -> GoPath.base((String) a[0])));
        f.add(fn("osDir", "string", a -> GoPath.dir((String) a[0])));
        f.add(fn("osClean", "string", a -> GoPath.clean((String) a[0])));
        f.add(fn("osExt", "string", a -> GoPath.ext((String) a[0])));
        f.add(fn("osIsAbs", "string", a -> ((String) a[0]).startsWith("/")));
        f.add(fn("b64enc", "string", a -> Base64.getEncoder().encodeToString(GoStrings.utf8((String) a[0]))));
        f.add(fn("b64dec", "string", a -> {
            try {
                return new String(Base64.getDecoder().decode((String) a[0]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "illegal base64 data at input byte " + badBase64Offset((String) a[0]);
            }
        }));
        f.add(fn("b32enc", "string", a -> Base32.encode(GoStrings.utf8((String) a[0]))));
        f.add(fn("b32dec", "string", a -> {
            byte[] b = Base32.decode((String) a[0]);
            return b == null ? "illegal base32 data" : new String(b, StandardCharsets.UTF_8);
        }));
        f.add(fn("uuidv4", "", a -> UUID.randomUUID().toString()));
        f.add(fn("fail", "string", a -> {
            throw new GoFuncException((String) a[0]);
        }));
        // dicts
        f.add(fn("dict", "any...", a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < a.length; i += 2) {
                String k = strval(a[i]);
                m.put(k, i + 1 < a.length ? a[i + 1] : "");
            }
            return m;
        }));
        f.add(fn("get", "map string", a -> {
            Map<?, ?> m = mapArg(a[0]);
            return m.containsKey(a[1]) ? m.get(a[1]) : "";
        }));
        f.add(fn("set", "map string any", a -> {
            Map<Object, Object> m = mapArg(a[0]);
            if (a[0] == null || a[0] instanceof GoMap) {
                throw new GoFuncException("assignment to entry in nil map");
            }
            m.put(a[1], a[2]);
            return a[0];
        }));
        f.add(fn("unset", "map string", a -> {
            if (a[0] instanceof Map) {
                ((Map<?, ?>) a[0]).remove(a[1]);
            }
            return a[0];
        }));
        f.add(fn("hasKey", "map string", a -> mapArg(a[0]).containsKey(a[1])));
        f.add(fn("pluck", "string map...", a -> {
            List<Object> r = new ArrayList<>();
            for (int i = 1; i < a.length; i++) {
                Map<?, ?> m = mapArg(a[i]);
                if (m.containsKey(a[0])) {
                    r.add(m.get(a[0]));
                }
            }
            return r;
        }));
        f.add(fn("keys", "map...", a -> {
            List<Object> r = new ArrayList<>();
            for (Object m : a) {
                r.addAll(GoFmt.sortedKeys(mapArg(m)));
            }
            return new GoSlice(GoType.SLICE_STRING, r);
        }));
        f.add(fn("values", "map", a -> {
            List<Object> r = new ArrayList<>();
            Map<Object, Object> m = mapArg(a[0]);
            for (Object k : GoFmt.sortedKeys(m)) {
                r.add(m.get(k));
            }
            return r;
        }));
        f.add(fn("pick", "map string...", a -> {
            Map<Object, Object> m = mapArg(a[0]);
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 1; i < a.length; i++) {
                if (m.containsKey(a[i])) {
                    r.put((String) a[i], m.get(a[i]));
                }
            }
            return r;
        }));
        f.add(fn("omit", "map string...", a -> {
            Map<Object, Object> m = mapArg(a[0]);
            Set<Object> drop = new HashSet<>(Arrays.asList(Builtins.rest(a)));
            Map<String, Object> r = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                if (!drop.contains(e.getKey())) {
                    r.put((String) e.getKey(), e.getValue());
                }
            }
            return r;
        }));
        f.add(fn("merge", "map map...", a -> merge(a, false)));
        f.add(fn("mustMerge", "map map...", a -> merge(a, false)));
        f.add(fn("mergeOverwrite", "map map...", a -> merge(a, true)));
        f.add(fn("mustMergeOverwrite", "map map...", a -> merge(a, true)));
        f.add(fn("dig", "any...", a -> {
            if (a.length < 3) {
                throw new GoFuncException("dig needs at least three arguments");
            }
            Object dict = a[a.length - 1];
            Object def = a[a.length - 2];
            Object cur = dict;
            for (int i = 0; i < a.length - 2; i++) {
                if (!(a[i] instanceof String)) {
                    throw new GoFuncException("interface conversion: interface {} is " + GoValues.typeName(a[i]) + ", not string");
                }
                Map<Object, Object> m = GoValues.mapOf(cur);
                if (!(cur instanceof Map) || !m.containsKey(a[i])) {
                    return def;
                }
                cur = m.get(a[i]);
            }
            return cur;
        }));
        // regular expressions (Go RE2 syntax)
        f.add(fn("regexMatch", "string string", a -> {
            try {
                return com.google.re2j.Pattern.compile((String) a[0]).matcher((String) a[1]).find();
            } catch (com.google.re2j.PatternSyntaxException e) {
                return false;
            }
        }));
        f.add(fn("mustRegexMatch", "string string", a -> compile((String) a[0]).matcher((String) a[1]).find()));
        f.add(fn("regexFindAll", "string string int", a -> regexFindAll(compileQuiet((String) a[0]), (String) a[1], (Long) a[2])));
        f.add(fn("mustRegexFindAll", "string string int", a -> regexFindAll(compile((String) a[0]), (String) a[1], (Long) a[2])));
        f.add(fn("regexFind", "string string", a -> regexFind(compileQuiet((String) a[0]), (String) a[1])));
        f.add(fn("mustRegexFind", "string string", a -> regexFind(compile((String) a[0]), (String) a[1])));
        f.add(fn("regexReplaceAll", "string string string", a -> compileQuiet((String) a[0]).matcher((String) a[1]).replaceAll(goReplacement((String) a[2]))));
        f.add(fn("mustRegexReplaceAll", "string string string", a -> compile((String) a[0]).matcher((String) a[1]).replaceAll(goReplacement((String) a[2]))));
        f.add(fn("regexReplaceAllLiteral", "string string string", a -> compileQuiet((String) a[0]).matcher((String) a[1]).replaceAll(com.google.re2j.Matcher.quoteReplacement((String) a[2]))));
        f.add(fn("mustRegexReplaceAllLiteral", "string string string", a -> compile((String) a[0]).matcher((String) a[1]).replaceAll(com.google.re2j.Matcher.quoteReplacement((String) a[2]))));
        f.add(fn("regexSplit", "string string int", a -> regexSplit(compileQuiet((String) a[0]), (String) a[1], (Long) a[2])));
        f.add(fn("mustRegexSplit", "string string int", a -> regexSplit(compile((String) a[0]), (String) a[1], (Long) a[2])));
        f.add(fn("regexQuoteMeta", "string", a -> quoteMeta((String) a[0])));
        return FuncMap.of(f);
    }

    // ---------------------------------------------------------------- helpers

    /** sprig strval: strings as is, Stringers via String(), everything else fmt %v. */
    static String strval(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof GoStringer) {
            return ((GoStringer) v).goString();
        }
        if (v instanceof GoInt && ((GoInt) v).enumName() != null) {
            return ((GoInt) v).enumName();
        }
        return GoFmt.sprintValue(v == GoValues.MISSING ? null : v);
    }

    /** sprig strslice. */
    static List<String> strslice(Object v) {
        List<Object> l = GoValues.listOf(v);
        if (l != null) {
            List<String> r = new ArrayList<>(l.size());
            for (Object x : l) {
                if (x != null) {
                    r.add(strval(x));
                }
            }
            return r;
        }
        if (v == null) {
            return List.of();
        }
        return List.of(strval(v));
    }

    /** sprig empty. */
    static boolean empty(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return true;
        }
        if (v instanceof GoStruct) {
            return ((GoStruct) v).isNilPointer() && ((GoStruct) v).goType().kind() == GoType.Kind.POINTER;
        }
        return !GoValues.isTrue(v);
    }

    static String trunc(long c, String s) {
        if (GoStrings.isAscii(s)) {
            int n = s.length();
            if (c < 0 && n + c > 0) {
                return s.substring((int) (n + c));
            }
            if (c >= 0 && n > c) {
                return s.substring(0, (int) c);
            }
            return s;
        }
        byte[] b = GoStrings.utf8(s);
        int n = b.length;
        if (c < 0 && n + c > 0) {
            return GoStrings.fromUtf8(b, (int) (n + c), (int) -c);
        }
        if (c >= 0 && n > c) {
            return GoStrings.fromUtf8(b, 0, (int) c);
        }
        return s;
    }

    static String abbrev(long width, String s) {
        if (width < 4) {
            return s;
        }
        if (s.length() <= width) {
            return s;
        }
        return s.substring(0, (int) width - 3) + "...";
    }

    static String substr(long start, long end, String s) {
        byte[] b = GoStrings.utf8(s);
        if (start < 0) {
            return GoStrings.fromUtf8(b, 0, (int) Math.min(Math.max(end, 0), b.length));
        }
        if (end < 0 || end > b.length) {
            return GoStrings.fromUtf8(b, (int) Math.min(start, b.length), (int) Math.max(0, b.length - start));
        }
        if (start > end) {
            return "";
        }
        return GoStrings.fromUtf8(b, (int) start, (int) (end - start));
    }

    static String repeat(long n, String s) throws GoFuncException {
        if (n < 0) {
            throw new GoFuncException("strings: negative Repeat count");
        }
        return s.repeat((int) n);
    }

    static String indent(long spaces, String v) {
        String pad = " ".repeat((int) Math.max(spaces, 0));
        return pad + v.replace("\n", "\n" + pad);
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevSep = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            sb.appendCodePoint(prevSep ? Character.toTitleCase(c) : c);
            prevSep = isSeparator(c);
        }
        return sb.toString();
    }

    static String untitle(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevSpace = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            sb.appendCodePoint(prevSpace ? Character.toLowerCase(c) : c);
            prevSpace = GoStrings.isSpace(c);
        }
        return sb.toString();
    }

    private static boolean isSeparator(int c) {
        if (c <= 0x7F) {
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
                return false;
            }
            return true;
        }
        if (Character.isLetterOrDigit(c)) {
            return false;
        }
        return GoStrings.isSpace(c);
    }

    static String nospace(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> !GoStrings.isSpace(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    static String initials(String s) {
        StringBuilder sb = new StringBuilder();
        boolean next = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (GoStrings.isSpace(c)) {
                next = true;
            } else if (next) {
                sb.appendCodePoint(c);
                next = false;
            }
        }
        return sb.toString();
    }

    private static String random(long n, String chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static String digest(String alg, String s) {
        try {
            byte[] d = MessageDigest.getInstance(alg).digest(GoStrings.utf8(s));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go strings.SplitN (n < 0: all). */
    static String[] goSplit(String s, String sep, int n) {
        if (n == 0) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            int i = 0;
            while (i < s.length() && (n < 0 || out.size() < n - 1)) {
                int c = s.codePointAt(i);
                out.add(new String(Character.toChars(c)));
                i += Character.charCount(c);
            }
            if (i < s.length()) {
                out.add(s.substring(i));
            }
            return out.toArray(new String[0]);
        }
        int start = 0;
        while (n < 0 || out.size() < n - 1) {
            int x = s.indexOf(sep, start);
            if (x < 0) {
                break;
            }
            out.add(s.substring(start, x));
            start = x + sep.length();
        }
        out.add(s.substring(start));
        return out.toArray(new String[0]);
    }

    /** cast.ToInt64 (errors give 0). */
    static long toInt64(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return 0;
        }
        if (GoValues.isInteger(v)) {
            return GoValues.intBits(v);
        }
        if (v instanceof Double || v instanceof Float) {
            return (long) ((Number) v).doubleValue();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof String) {
            String s = trimZeroDecimal((String) v);
            java.math.BigInteger b = GoStrconv.parseIntBase0(s);
            if (b == null || b.bitLength() > 63) {
                return 0;
            }
            return b.longValue();
        }
        return 0;
    }

    private static String trimZeroDecimal(String s) {
        boolean foundZero = false;
        for (int i = s.length(); i > 0; i--) {
            char c = s.charAt(i - 1);
            if (c == '.') {
                if (foundZero) {
                    return s.substring(0, i - 1);
                }
                return s;
            } else if (c == '0') {
                foundZero = true;
            } else {
                return s;
            }
        }
        return s;
    }

    /** cast.ToFloat64 (errors give 0). */
    static double toFloat64(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return 0;
        }
        if (GoValues.isUnsignedInt(v)) {
            return GoStrconv.unsignedToDouble(GoValues.intBits(v));
        }
        if (GoValues.isInteger(v)) {
            return GoValues.intBits(v);
        }
        if (v instanceof Float) {
            return (Float) v;
        }
        if (v instanceof Double) {
            return (Double) v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof String) {
            Double d = GoStrconv.parseFloat((String) v);
            return d == null ? 0 : d;
        }
        return 0;
    }

    private static Object seq(Object[] a) {
        long start = 1, end, step = 1;
        switch (a.length) {
            case 0: return "";
            case 1:
                end = (Long) a[0];
                if (end < 1) {
                    step = -1;
                }
                break;
            case 2:
                start = (Long) a[0];
                end = (Long) a[1];
                step = start > end ? -1 : 1;
                break;
            case 3:
                start = (Long) a[0];
                step = (Long) a[1];
                end = (Long) a[2];
                break;
            default:
                return "";
        }
        if (a.length == 3) {
            // sprig: stop is exclusive in untilStep, so extend by one step
            if (end < start && step >= 0 || end > start && step <= 0) {
                return "";
            }
        }
        List<Object> l = untilStep(start, end + (step > 0 ? 1 : -1), step).list();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(l.get(i));
        }
        return sb.toString();
    }

    static GoSlice untilStep(long start, long stop, long step) {
        List<Object> v = new ArrayList<>();
        if (stop < start) {
            if (step >= 0) {
                return new GoSlice(GoType.sliceOf(GoType.INT), v);
            }
            for (long i = start; i > stop; i += step) {
                v.add(i);
            }
            return new GoSlice(GoType.sliceOf(GoType.INT), v);
        }
        if (step <= 0) {
            return new GoSlice(GoType.sliceOf(GoType.INT), v);
        }
        for (long i = start; i < stop; i += step) {
            v.add(i);
        }
        return new GoSlice(GoType.sliceOf(GoType.INT), v);
    }

    private static double decimalOp(double first, Object[] rest, java.util.function.BinaryOperator<BigDecimal> op)
            throws GoFuncException {
        BigDecimal acc = new BigDecimal(GoFmt.formatFloat(first, 'g', -1, 64).replace("e+", "e"));
        for (Object x : rest) {
            BigDecimal y = new BigDecimal(GoFmt.formatFloat(toFloat64(x), 'g', -1, 64).replace("e+", "e"));
            try {
                acc = op.apply(acc, y);
            } catch (ArithmeticException e) {
                throw new GoFuncException("decimal division by 0");
            }
        }
        return acc.doubleValue();
    }

    private static Object minmax(Object[] a, boolean max) {
        long m = toInt64(a[0]);
        for (int i = 1; i < a.length; i++) {
            long x = toInt64(a[i]);
            m = max ? Math.max(m, x) : Math.min(m, x);
        }
        return new GoInt(GoType.INT64, m);
    }

    static List<Object> listArg(Object v, String err) throws GoFuncException {
        if (v == null || v == GoValues.MISSING) {
            throw new GoFuncException("runtime error: invalid memory address or nil pointer dereference");
        }
        List<Object> l = GoValues.listOf(v);
        if (l == null) {
            throw new GoFuncException(String.format(err, kindOf(v)));
        }
        return l;
    }

    static Map<Object, Object> mapArg(Object v) {
        Map<Object, Object> m = GoValues.mapOf(v);
        return m == null ? Map.of() : m;
    }

    private static boolean inList(List<Object> l, Object x) {
        for (Object y : l) {
            if (deepEqual(x, y)) {
                return true;
            }
        }
        return false;
    }

    /** reflect.DeepEqual over the value model. */
    static boolean deepEqual(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (GoValues.typeOf(a) != GoValues.typeOf(b)) {
            return false;
        }
        if (a instanceof Map || a instanceof GoMap) {
            if ((a instanceof GoMap && ((GoMap) a).isNil()) != (b instanceof GoMap && ((GoMap) b).isNil())) {
                return false;
            }
            Map<Object, Object> x = GoValues.mapOf(a), y = GoValues.mapOf(b);
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<Object, Object> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEqual(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List || a instanceof GoSlice) {
            List<Object> x = GoValues.listOf(a), y = GoValues.listOf(b);
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEqual(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String kindOf(Object v) {
        if (v == null || v == GoValues.MISSING) {
            return "invalid";
        }
        GoType t = GoValues.typeOf(v);
        switch (t.kind()) {
            case POINTER: return "ptr";
            case INTERFACE: return "interface";
            case COMPLEX128: return "complex128";
            default: return t.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String jsonOrEmpty(Object v, String indent) {
        try {
            return indent == null ? GoJson.encode(v) : GoJson.encodeIndent(v, indent);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String mustJson(Object v, String indent) throws GoFuncException {
        try {
            return indent == null ? GoJson.encode(v) : GoJson.encodeIndent(v, indent);
        } catch (IllegalArgumentException e) {
            throw new GoFuncException(e.getMessage());
        }
    }

    /** toRawJson: like toJson without HTML escaping, and without json.Encoder's trailing newline. */
    private static String rawJson(Object v) throws GoFuncException {
        try {
            String s = GoJson.encode(v);
            return s.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
        } catch (IllegalArgumentException e) {
            throw new GoFuncException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object v) {
        if (v instanceof Map) {
            Map<Object, Object> r = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
                r.put(e.getKey(), deepCopy(e.getValue()));
            }
            return r;
        }
        if (v instanceof List) {
            List<Object> r = new ArrayList<>();
            for (Object x : (List<Object>) v) {
                r.add(deepCopy(x));
            }
            return r;
        }
        if (v instanceof GoMap && !((GoMap) v).isNil()) {
            Map<Object, Object> r = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ((GoMap) v).map().entrySet()) {
                r.put(e.getKey(), deepCopy(e.getValue()));
            }
            return new GoMap(((GoMap) v).type(), r);
        }
        if (v instanceof GoSlice && !((GoSlice) v).isNil()) {
            List<Object> r = new ArrayList<>();
            for (Object x : ((GoSlice) v).list()) {
                r.add(deepCopy(x));
            }
            return new GoSlice(((GoSlice) v).type(), r);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object[] a, boolean overwrite) {
        if (!(a[0] instanceof Map)) {
            return a[0];
        }
        Map<Object, Object> dst = (Map<Object, Object>) a[0];
        for (int i = 1; i < a.length; i++) {
            if (a[i] instanceof Map) {
                mergeInto(dst, (Map<Object, Object>) a[i], overwrite);
            }
        }
        return dst;
    }

    /** mergo.Merge / MergeWithOverwrite semantics for map[string]interface{}. */
    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<Object, Object> dst, Map<Object, Object> src, boolean overwrite) {
        for (Map.Entry<Object, Object> e : src.entrySet()) {
            Object k = e.getKey();
            Object sv = e.getValue();
            Object dv = dst.get(k);
            if (dv instanceof Map && sv instanceof Map) {
                mergeInto((Map<Object, Object>) dv, (Map<Object, Object>) sv, overwrite);
            } else if (!dst.containsKey(k) || empty(dv) || (overwrite && !empty(sv))) {
                if (!dst.containsKey(k) || !empty(sv) || empty(dv) && sv != null) {
                    dst.put(k, sv);
                }
            }
        }
    }

    private static String expandEnv(String s, UnaryOperator<String> env) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            String name;
            int next;
            if (n == '{') {
                int close = s.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(s, i, s.length());
                    break;
                }
                name = s.substring(i + 2, close);
                next = close + 1;
            } else {
                int j = i + 1;
                if (isShellSpecial(n)) {
                    j = i + 2;
                } else {
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                }
                name = s.substring(i + 1, j);
                next = j;
                if (name.isEmpty()) {
                    sb.append('$');
                    i++;
                    continue;
                }
            }
            String v = env.apply(name);
            sb.append(v == null ? "" : v);
            i = next;
        }
        return sb.toString();
    }

    private static boolean isShellSpecial(char c) {
        return "*#$@!?-0123456789".indexOf(c) >= 0;
    }

    private static int badBase64Offset(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=')) {
                return i;
            }
        }
        return s.length();
    }

    private static com.google.re2j.Pattern compile(String re) throws GoFuncException {
        try {
            return com.google.re2j.Pattern.compile(re);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new GoFuncException("error parsing regexp: " + e.getMessage());
        }
    }

    /** sprig's non-must regex functions use regexp.MustCompile, which panics on a bad pattern. */
    private static com.google.re2j.Pattern compileQuiet(String re) throws GoFuncException {
        try {
            return com.google.re2j.Pattern.compile(re);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new GoFuncException("regexp: Compile(" + GoFmt.quote(re) + "): error parsing regexp: " + e.getMessage());
        }
    }

    private static Object regexFindAll(com.google.re2j.Pattern p, String s, long n) {
        List<Object> r = new ArrayList<>();
        com.google.re2j.Matcher m = p.matcher(s);
        while ((n < 0 || r.size() < n) && m.find()) {
            r.add(m.group());
        }
        return new GoSlice(GoType.SLICE_STRING, r);
    }

    private static String regexFind(com.google.re2j.Pattern p, String s) {
        com.google.re2j.Matcher m = p.matcher(s);
        return m.find() ? m.group() : "";
    }

    private static Object regexSplit(com.google.re2j.Pattern p, String s, long n) {
        List<Object> r = new ArrayList<>();
        if (n == 0) {
            return new GoSlice(GoType.SLICE_STRING, r);
        }
        if (p.pattern().isEmpty() && !s.isEmpty()) {
            for (int i = 0; i < s.length() && (n < 0 || r.size() < n - 1); i++) {
                r.add(s.substring(i, i + 1));
            }
            return new GoSlice(GoType.SLICE_STRING, r);
        }
        com.google.re2j.Matcher m = p.matcher(s);
        int beg = 0;
        while (m.find()) {
            if (n > 0 && r.size() == n - 1) {
                break;
            }
            int end = m.start();
            if (m.end() == 0) {
                continue;
            }
            r.add(s.substring(beg, end));
            beg = m.end();
        }
        r.add(s.substring(beg));
        return new GoSlice(GoType.SLICE_STRING, r);
    }

    /** Converts Go's Expand template syntax ($1, ${name}) to re2j's (which shares it for simple forms). */
    private static String goReplacement(String repl) {
        return repl;
    }

    private static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** RFC 4648 base32 with padding (Go base32.StdEncoding). */
    static final class Base32 {
        private static final String A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        static String encode(byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < b.length; i += 5) {
                long buf = 0;
                int n = Math.min(5, b.length - i);
                for (int j = 0; j < 5; j++) {
                    buf = buf << 8 | (j < n ? b[i + j] & 0xFF : 0);
                }
                int chars = (n * 8 + 4) / 5;
                for (int j = 0; j < 8; j++) {
                    sb.append(j < chars ? A.charAt((int) (buf >> (35 - 5 * j) & 31)) : '=');
                }
            }
            return sb.toString();
        }

        static byte[] decode(String s) {
            String t = s;
            while (t.endsWith("=")) {
                t = t.substring(0, t.length() - 1);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long buf = 0;
            int bits = 0;
            for (int i = 0; i < t.length(); i++) {
                int v = A.indexOf(t.charAt(i));
                if (v < 0) {
                    return null;
                }
                buf = buf << 5 | v;
                bits += 5;
                if (bits >= 8) {
                    out.write((int) (buf >> (bits - 8) & 0xFF));
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }
}
