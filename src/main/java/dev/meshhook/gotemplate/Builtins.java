package dev.meshhook.gotemplate;

import static dev.meshhook.gotemplate.GoType.ANY;
import static dev.meshhook.gotemplate.GoType.REFLECT_VALUE;
import static dev.meshhook.gotemplate.GoType.STRING;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Go text/template builtin functions (funcs.go). */
final class Builtins {
    private Builtins() {}

    private static final List<GoType> RV1 = List.of(REFLECT_VALUE);
    private static final List<GoType> RV2 = List.of(REFLECT_VALUE, REFLECT_VALUE);

    static final FuncMap MAP;
    private static final Map<Function, Boolean> BUILTIN = new IdentityHashMap<>();

    static {
        List<Function> fs = new ArrayList<>();
        fs.add(Function.variadic("and", RV2, a -> { throw new IllegalStateException("and is evaluated by the engine"); }));
        fs.add(Function.variadic("or", RV2, a -> { throw new IllegalStateException("or is evaluated by the engine"); }));
        fs.add(Function.variadic("call", RV2, a -> { throw new IllegalStateException("call is evaluated by the engine"); }));
        fs.add(Function.of("not", RV1, a -> !GoValues.isTrue(a[0])));
        fs.add(Function.of("len", RV1, a -> length(a[0])));
        fs.add(Function.variadic("index", RV2, Builtins::index));
        fs.add(Function.variadic("slice", RV2, Builtins::slice));
        fs.add(Function.variadic("print", List.of(ANY), a -> GoFmt.sprint(a)));
        fs.add(Function.variadic("println", List.of(ANY), a -> GoFmt.sprintln(a)));
        fs.add(Function.variadic("printf", List.of(STRING, ANY), a -> GoFmt.sprintf((String) a[0], rest(a))));
        fs.add(Function.variadic("html", List.of(ANY), a -> htmlEscape(evalArgs(a))));
        fs.add(Function.variadic("js", List.of(ANY), a -> jsEscape(evalArgs(a))));
        fs.add(Function.variadic("urlquery", List.of(ANY), a -> queryEscape(evalArgs(a))));
        fs.add(Function.variadic("eq", RV2, a -> eq(a[0], rest(a))));
        fs.add(Function.of("ne", RV2, a -> !eq(a[0], new Object[] {a[1]})));
        fs.add(Function.of("lt", RV2, a -> lt(a[0], a[1])));
        fs.add(Function.of("le", RV2, a -> le(a[0], a[1])));
        fs.add(Function.of("gt", RV2, a -> !le(a[0], a[1])));
        fs.add(Function.of("ge", RV2, a -> !lt(a[0], a[1])));
        for (Function f : fs) {
            BUILTIN.put(f, Boolean.TRUE);
        }
        MAP = FuncMap.of(fs);
    }

    static boolean isBuiltin(Function f) { return BUILTIN.containsKey(f); }

    static Object[] rest(Object[] a) { return java.util.Arrays.copyOfRange(a, 1, a.length); }

    private static Object ind(Object v) { return v == null ? GoValues.MISSING : v; }

    static Object call(Exec exec, String name, Object[] argv) throws GoFuncException {
        Object fn = ind(argv[0]);
        if (fn == GoValues.MISSING || (fn instanceof GoStruct && ((GoStruct) fn).isNilPointer())) {
            throw new GoFuncException("call of nil");
        }
        Object[] args = rest(argv);
        if (fn instanceof Function) {
            return exec.callValue((Function) fn, args);
        }
        if (fn instanceof GoMethod) {
            Object[] a = new Object[args.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = args[i] == GoValues.MISSING ? null : args[i];
            }
            return ((GoMethod) fn).invoke(a);
        }
        throw new GoFuncException("non-function " + name + " of type " + GoValues.typeName(fn));
    }

    static long length(Object item) throws GoFuncException {
        if (item == GoValues.MISSING) {
            throw new GoFuncException("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item == null || (item instanceof GoStruct && ((GoStruct) item).isNilPointer())) {
            throw new GoFuncException("len of nil pointer");
        }
        if (item instanceof String) {
            return GoStrings.byteLength((String) item);
        }
        List<Object> l = GoValues.listOf(item);
        if (l != null) {
            return l.size();
        }
        Map<Object, Object> m = GoValues.mapOf(item);
        if (m != null) {
            return m.size();
        }
        throw new GoFuncException("len of type " + GoValues.typeName(item));
    }

    private static int indexArg(Object index, int cap) throws GoFuncException {
        long x;
        if (GoValues.isSignedInt(index)) {
            x = GoValues.intBits(index);
        } else if (GoValues.isUnsignedInt(index)) {
            x = GoValues.intBits(index);
        } else if (index == GoValues.MISSING) {
            throw new GoFuncException("cannot index slice/array with nil");
        } else {
            throw new GoFuncException("cannot index slice/array with type " + GoValues.typeName(index));
        }
        if (x < 0 || x > cap) {
            throw new GoFuncException("index out of range: " + x);
        }
        return (int) x;
    }

    static Object index(Object[] a) throws GoFuncException {
        Object item = ind(a[0]);
        if (item == GoValues.MISSING) {
            throw new GoFuncException("index of untyped nil");
        }
        for (int k = 1; k < a.length; k++) {
            Object index = ind(a[k]);
            if (item == null || (item instanceof GoStruct && ((GoStruct) item).isNilPointer())) {
                throw new GoFuncException("index of nil pointer");
            }
            if (item instanceof String) {
                byte[] b = GoStrings.utf8((String) item);
                int x = indexArg(index, b.length);
                if (x == b.length) {
                    throw new GoFuncException("reflect: string index out of range");
                }
                item = new GoInt(GoType.UINT8, b[x] & 0xFF);
                continue;
            }
            List<Object> l = GoValues.listOf(item);
            if (l != null) {
                int x = indexArg(index, l.size());
                if (x == l.size()) {
                    throw new GoFuncException("reflect: slice index out of range");
                }
                item = l.get(x);
                continue;
            }
            if (item instanceof Map || item instanceof GoMap) {
                GoType mt = GoValues.typeOf(item);
                Object key = prepareArg(index, mt.key());
                Map<Object, Object> m = GoValues.mapOf(item);
                Object v = m.get(key);
                if (v == null && !m.containsKey(key)) {
                    v = mt.elem().zero();
                }
                item = v;
                continue;
            }
            throw new GoFuncException("can't index item of type " + GoValues.typeName(item));
        }
        return item;
    }

    private static Object prepareArg(Object value, GoType argType) throws GoFuncException {
        if (value == GoValues.MISSING) {
            if (!argType.kind().canBeNil()) {
                throw new GoFuncException("value is nil; should be of type " + argType);
            }
            return argType.zero();
        }
        if (argType.kind() == GoType.Kind.INTERFACE || GoValues.typeOf(value) == argType) {
            return value;
        }
        boolean argIntLike = argType.kind().isSignedInt() || argType.kind().isUnsignedInt();
        if (GoValues.isInteger(value) && argIntLike) {
            return GoValues.makeInt(argType, GoValues.intBits(value));
        }
        throw new GoFuncException("value has type " + GoValues.typeName(value) + "; should be " + argType);
    }

    static Object slice(Object[] a) throws GoFuncException {
        Object item = ind(a[0]);
        if (item == GoValues.MISSING) {
            throw new GoFuncException("slice of untyped nil");
        }
        int nidx = a.length - 1;
        if (nidx > 3) {
            throw new GoFuncException("too many slice indexes: " + nidx);
        }
        int cap;
        int len;
        byte[] bytes = null;
        List<Object> list = null;
        if (item instanceof String) {
            if (nidx == 3) {
                throw new GoFuncException("cannot 3-index slice a string");
            }
            bytes = GoStrings.utf8((String) item);
            cap = len = bytes.length;
        } else if ((list = GoValues.listOf(item)) != null) {
            cap = len = list.size();
        } else {
            throw new GoFuncException("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, len, 0};
        for (int i = 0; i < nidx; i++) {
            idx[i] = indexArg(ind(a[i + 1]), cap);
        }
        if (idx[0] > idx[1]) {
            throw new GoFuncException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (nidx == 3 && idx[1] > idx[2]) {
            throw new GoFuncException("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return GoStrings.fromUtf8(bytes, idx[0], idx[1] - idx[0]);
        }
        List<Object> sub = new ArrayList<>(list.subList(idx[0], idx[1]));
        if (item instanceof GoSlice) {
            return new GoSlice(((GoSlice) item).type(), sub);
        }
        return sub;
    }

    static String evalArgs(Object[] args) {
        if (args.length == 1 && args[0] instanceof String) {
            return (String) args[0];
        }
        Object[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i] == GoValues.MISSING) {
                a[i] = "<no value>";
            }
        }
        return GoFmt.sprint(a);
    }

    static String htmlEscape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case 0: rep = "\uFFFD"; break;
                case '"': rep = "&#34;"; break;
                case '\'': rep = "&#39;"; break;
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                default: rep = null;
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\'': sb.append("\\'"); break;
                case '"': sb.append("\\\""); break;
                case '<': sb.append("\\u003C"); break;
                case '>': sb.append("\\u003E"); break;
                case '&': sb.append("\\u0026"); break;
                case '=': sb.append("\\u003D"); break;
                default:
                    if (c < ' ') {
                        sb.append("\\u00").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                                .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                    } else if (c < 0x80 || GoFmt.isPrint(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append(String.format("\\u%04X", c));
                    }
            }
        }
        return sb.toString();
    }

    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : GoStrings.utf8(s)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- comparison

    private enum BK { INVALID, BOOL, COMPLEX, INT, FLOAT, STRING, UINT }

    private static BK basicKind(Object v) {
        if (v instanceof Boolean) {
            return BK.BOOL;
        }
        if (GoValues.isSignedInt(v)) {
            return BK.INT;
        }
        if (GoValues.isUnsignedInt(v)) {
            return BK.UINT;
        }
        if (v instanceof Double || v instanceof Float) {
            return BK.FLOAT;
        }
        if (v instanceof GoComplex) {
            return BK.COMPLEX;
        }
        if (v instanceof String) {
            return BK.STRING;
        }
        return BK.INVALID;
    }

    private static boolean isNil(Object v) {
        if (v == GoValues.MISSING || v == null) {
            return true;
        }
        if (v instanceof GoMap) {
            return ((GoMap) v).isNil();
        }
        if (v instanceof GoSlice) {
            return ((GoSlice) v).isNil();
        }
        if (v instanceof GoStruct) {
            return ((GoStruct) v).isNilPointer();
        }
        return false;
    }

    private static String reflectKind(Object v) {
        if (v == GoValues.MISSING) {
            return "invalid";
        }
        GoType t = GoValues.typeOf(v);
        return t.kind().name();
    }

    static boolean eq(Object arg1, Object[] arg2) throws GoFuncException {
        arg1 = ind(arg1);
        if (arg2.length == 0) {
            throw new GoFuncException("missing argument for comparison");
        }
        BK k1 = basicKind(arg1);
        for (Object arg : arg2) {
            arg = ind(arg);
            BK k2 = basicKind(arg);
            boolean truth = false;
            if (k1 != k2) {
                if (k1 == BK.INT && k2 == BK.UINT) {
                    long a = GoValues.intBits(arg1);
                    truth = a >= 0 && a == GoValues.intBits(arg);
                } else if (k1 == BK.UINT && k2 == BK.INT) {
                    long b = GoValues.intBits(arg);
                    truth = b >= 0 && GoValues.intBits(arg1) == b;
                } else if (arg1 != GoValues.MISSING && arg != GoValues.MISSING) {
                    throw new GoFuncException("incompatible types for comparison: " + GoValues.typeName(arg1) + " and "
                            + GoValues.typeName(arg));
                }
            } else {
                switch (k1) {
                    case BOOL: truth = arg1.equals(arg); break;
                    case COMPLEX: truth = arg1.equals(arg); break;
                    case FLOAT: truth = ((Number) arg1).doubleValue() == ((Number) arg).doubleValue(); break;
                    case INT: case UINT: truth = GoValues.intBits(arg1) == GoValues.intBits(arg); break;
                    case STRING: truth = arg1.equals(arg); break;
                    default: {
                        boolean canCompare = arg1 == GoValues.MISSING || arg == GoValues.MISSING
                                || reflectKind(arg1).equals(reflectKind(arg));
                        if (!canCompare) {
                            throw new GoFuncException("non-comparable types " + GoFmt.sprintf("%s", arg1) + ": "
                                    + GoValues.typeName(arg1) + ", " + GoValues.typeName(arg) + ": " + GoFmt.sprintf("%v", arg));
                        }
                        if (isNil(arg1) || isNil(arg)) {
                            truth = isNil(arg) == isNil(arg1);
                        } else {
                            if (GoValues.mapOf(arg) != null || GoValues.listOf(arg) != null
                                    || arg instanceof Function || arg instanceof GoMethod) {
                                throw new GoFuncException("non-comparable type " + GoFmt.sprintf("%s", arg) + ": "
                                        + GoValues.typeName(arg));
                            }
                            truth = GoValues.typeOf(arg1) == GoValues.typeOf(arg) && arg1.equals(arg);
                        }
                    }
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object arg1, Object arg2) throws GoFuncException {
        arg1 = ind(arg1);
        BK k1 = basicKind(arg1);
        if (k1 == BK.INVALID) {
            throw new GoFuncException("invalid type for comparison");
        }
        arg2 = ind(arg2);
        BK k2 = basicKind(arg2);
        if (k2 == BK.INVALID) {
            throw new GoFuncException("invalid type for comparison");
        }
        if (k1 != k2) {
            if (k1 == BK.INT && k2 == BK.UINT) {
                long a = GoValues.intBits(arg1);
                return a < 0 || Long.compareUnsigned(a, GoValues.intBits(arg2)) < 0;
            } else if (k1 == BK.UINT && k2 == BK.INT) {
                long b = GoValues.intBits(arg2);
                return b >= 0 && Long.compareUnsigned(GoValues.intBits(arg1), b) < 0;
            }
            throw new GoFuncException("incompatible types for comparison: " + GoValues.typeName(arg1) + " and "
                    + GoValues.typeName(arg2));
        }
        switch (k1) {
            case BOOL: case COMPLEX:
                throw new GoFuncException("invalid type for comparison");
            case FLOAT:
                return ((Number) arg1).doubleValue() < ((Number) arg2).doubleValue();
            case INT:
                return GoValues.intBits(arg1) < GoValues.intBits(arg2);
            case UINT:
                return Long.compareUnsigned(GoValues.intBits(arg1), GoValues.intBits(arg2)) < 0;
            case STRING:
                return GoFmt.compareGoStrings((String) arg1, (String) arg2) < 0;
            default:
                throw new IllegalStateException("invalid kind");
        }
    }

    static boolean le(Object arg1, Object arg2) throws GoFuncException {
        if (lt(arg1, arg2)) {
            return true;
        }
        return eq(arg1, new Object[] {arg2});
    }
}
