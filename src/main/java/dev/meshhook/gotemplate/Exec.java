package dev.meshhook.gotemplate;

import java.util.List;
import java.util.Map;

/** Execution state of one template run (Go's text/template exec.go semantics). Not shared between threads. */
final class Exec {

    static final int MAX_EXEC_DEPTH = 100000;

    /** Go's missingVal: "no final pipeline value". Distinct from {@link GoValues#MISSING}. */
    private static final Object NO_FINAL = new Object();

    static final class ExecError extends RuntimeException {
        ExecError(String msg) { super(msg, null, false, false); }
    }

    private static final class Break extends RuntimeException {
        Break() { super(null, null, false, false); }
    }

    private static final class Continue extends RuntimeException {
        Continue() { super(null, null, false, false); }
    }

    private static final Break BREAK = new Break();
    private static final Continue CONTINUE = new Continue();

    private final TemplateSet set;
    private final StringBuilder out;
    private Tree tmpl;
    private Node node;
    private int depth;
    private String[] varNames = new String[16];
    private Object[] varValues = new Object[16];
    private int varTop;

    Exec(TemplateSet set, StringBuilder out) {
        this.set = set;
        this.out = out;
    }

    void run(Tree t, Object data) {
        Object value = data == null ? GoValues.MISSING : data;
        tmpl = t;
        varTop = 0;
        push("$", value);
        if (t.root == null) {
            throw errorf(GoFmt.quote(t.name) + " is an incomplete or empty template");
        }
        try {
            walk(value, t.root);
        } catch (StackOverflowError e) {
            // The host stack is smaller than Go's; report the limit Go enforces for runaway recursion.
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        }
    }

    // ---------------------------------------------------------------- errors & variables

    private ExecError errorf(String msg) {
        String name = tmpl.name;
        if (node == null) {
            return new ExecError("template: " + name + ": " + msg);
        }
        Tree src = node.tree != null ? node.tree : tmpl;
        return new ExecError("template: " + src.location(node) + ": executing " + GoFmt.quote(name) + " at <"
                + node + ">: " + msg);
    }

    private void at(Node n) { node = n; }

    private void push(String name, Object value) {
        if (varTop == varNames.length) {
            varNames = java.util.Arrays.copyOf(varNames, varTop * 2);
            varValues = java.util.Arrays.copyOf(varValues, varTop * 2);
        }
        varNames[varTop] = name;
        varValues[varTop] = value;
        varTop++;
    }

    private void pop(int mark) {
        for (int i = mark; i < varTop; i++) {
            varValues[i] = null;
        }
        varTop = mark;
    }

    private void setVar(String name, Object value) {
        for (int i = varTop - 1; i >= 0; i--) {
            if (varNames[i].equals(name)) {
                varValues[i] = value;
                return;
            }
        }
        throw errorf("undefined variable: " + name);
    }

    private void setTopVar(int n, Object value) { varValues[varTop - n] = value; }

    private Object varValue(String name) {
        for (int i = varTop - 1; i >= 0; i--) {
            if (varNames[i].equals(name)) {
                return varValues[i];
            }
        }
        throw errorf("undefined variable: " + name);
    }

    // ---------------------------------------------------------------- walking

    private void walk(Object dot, Node n) {
        at(n);
        if (n instanceof Node.TextNode) {
            out.append(((Node.TextNode) n).text);
        } else if (n instanceof Node.ActionNode) {
            Node.ActionNode a = (Node.ActionNode) n;
            Object val = evalPipeline(dot, a.pipe);
            if (a.pipe.decl.isEmpty()) {
                printValue(n, val);
            }
        } else if (n instanceof Node.ListNode) {
            for (Node c : ((Node.ListNode) n).array) {
                walk(dot, c);
            }
        } else if (n instanceof Node.BranchNode) {
            Node.BranchNode b = (Node.BranchNode) n;
            if (b.kind.equals("range")) {
                walkRange(dot, b);
            } else {
                walkIfOrWith(b.kind.equals("with"), dot, b);
            }
        } else if (n instanceof Node.TemplateNode) {
            walkTemplate(dot, (Node.TemplateNode) n);
        } else if (n instanceof Node.BreakNode) {
            throw BREAK;
        } else if (n instanceof Node.ContinueNode) {
            throw CONTINUE;
        } else if (!(n instanceof Node.CommentNode)) {
            throw errorf("unknown node: " + n);
        }
    }

    private void walkIfOrWith(boolean isWith, Object dot, Node.BranchNode b) {
        int mark = varTop;
        try {
            Object val = evalPipeline(dot, b.pipe);
            Boolean truth = GoValues.truth(val);
            if (truth == null) {
                throw errorf((isWith ? "if/with" : "if/with") + " can't use " + GoFmt.sprintValue(val));
            }
            if (truth) {
                walk(isWith ? val : dot, b.list);
            } else if (b.elseList != null) {
                walk(dot, b.elseList);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, Node.BranchNode r) {
        at(r);
        int outerMark = varTop;
        try {
            Object val = evalPipeline(dot, r.pipe);
            if (val instanceof GoStruct && ((GoStruct) val).isNilPointer()) {
                val = GoValues.MISSING;
            }
            int mark = varTop;
            List<Object> list = GoValues.listOf(val);
            if (list != null) {
                if (!list.isEmpty()) {
                    try {
                        for (int i = 0; i < list.size(); i++) {
                            oneIteration(r, mark, (long) i, list.get(i));
                        }
                    } catch (Break e) {
                        // leave the loop
                    }
                    return;
                }
            } else if (val instanceof Map || val instanceof GoMap) {
                Map<Object, Object> m = GoValues.mapOf(val);
                if (!m.isEmpty()) {
                    try {
                        for (Object k : GoFmt.sortedKeys(m)) {
                            oneIteration(r, mark, k, m.get(k));
                        }
                    } catch (Break e) {
                        // leave the loop
                    }
                    return;
                }
            } else if (GoValues.isInteger(val)) {
                if (r.pipe.decl.size() > 1) {
                    throw errorf("can't use " + GoFmt.sprintValue(val) + " to iterate over more than one variable");
                }
                long n = GoValues.intBits(val);
                boolean unsigned = GoValues.isUnsignedInt(val);
                GoType t = GoValues.typeOf(val);
                if (n != 0 && (unsigned || n > 0)) {
                    try {
                        for (long i = 0; unsigned ? Long.compareUnsigned(i, n) < 0 : i < n; i++) {
                            Object v = GoValues.makeInt(t, i);
                            oneIteration(r, mark, v, v);
                        }
                    } catch (Break e) {
                        // leave the loop
                    }
                    return;
                }
            } else if (val != GoValues.MISSING && val != null) {
                throw errorf("range can't iterate over " + GoFmt.sprintValue(val));
            }
            if (r.elseList != null) {
                walk(dot, r.elseList);
            }
        } finally {
            pop(outerMark);
        }
    }

    private void oneIteration(Node.BranchNode r, int mark, Object index, Object elem) {
        List<Node.VariableNode> decl = r.pipe.decl;
        if (!decl.isEmpty()) {
            if (r.pipe.isAssign) {
                if (decl.size() > 1) {
                    setVar(decl.get(0).ident[0], index);
                } else {
                    setVar(decl.get(0).ident[0], elem);
                }
            } else {
                setTopVar(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (r.pipe.isAssign) {
                setVar(decl.get(1).ident[0], elem);
            } else {
                setTopVar(2, index);
            }
        }
        try {
            walk(elem, r.list);
        } catch (Continue c) {
            // next iteration
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, Node.TemplateNode t) {
        at(t);
        Tree called = set.lookup(t.name);
        if (called == null) {
            throw errorf("template " + GoFmt.quote(t.name) + " not defined");
        }
        if (depth == MAX_EXEC_DEPTH) {
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        }
        Object newDot = t.pipe == null ? GoValues.MISSING : evalPipeline(dot, t.pipe);
        Tree savedTmpl = tmpl;
        int savedTop = varTop;
        String[] savedNames = varNames;
        Object[] savedValues = varValues;
        varNames = new String[8];
        varValues = new Object[8];
        varTop = 0;
        push("$", newDot);
        tmpl = called;
        depth++;
        try {
            if (called.root == null) {
                throw errorf(GoFmt.quote(called.name) + " is an incomplete or empty template");
            }
            walk(newDot, called.root);
        } catch (StackOverflowError e) {
            at(t);
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        } finally {
            depth--;
            tmpl = savedTmpl;
            varNames = savedNames;
            varValues = savedValues;
            varTop = savedTop;
        }
    }

    // ---------------------------------------------------------------- evaluation

    Object evalPipeline(Object dot, Node.PipeNode pipe) {
        if (pipe == null) {
            return GoValues.MISSING;
        }
        at(pipe);
        Object value = NO_FINAL;
        for (Node.CommandNode cmd : pipe.cmds) {
            value = evalCommand(dot, cmd, value);
            // a nil interface result becomes "no value", as Go's reflect.ValueOf(v.Interface()) does
            if (value == null) {
                value = GoValues.MISSING;
            }
        }
        for (Node.VariableNode v : pipe.decl) {
            if (pipe.isAssign) {
                setVar(v.ident[0], value);
            } else {
                push(v.ident[0], value);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != NO_FINAL) {
            throw errorf("can't give argument to non-function " + args.get(0));
        }
    }

    private Object evalCommand(Object dot, Node.CommandNode cmd, Object fin) {
        Node first = cmd.args.get(0);
        if (first instanceof Node.FieldNode) {
            return evalFieldNode(dot, (Node.FieldNode) first, cmd.args, fin);
        }
        if (first instanceof Node.ChainNode) {
            return evalChainNode(dot, (Node.ChainNode) first, cmd.args, fin);
        }
        if (first instanceof Node.IdentifierNode) {
            return evalFunction(dot, (Node.IdentifierNode) first, cmd, cmd.args, fin);
        }
        if (first instanceof Node.PipeNode) {
            notAFunction(cmd.args, fin);
            return evalPipeline(dot, (Node.PipeNode) first);
        }
        if (first instanceof Node.VariableNode) {
            return evalVariableNode(dot, (Node.VariableNode) first, cmd.args, fin);
        }
        at(first);
        notAFunction(cmd.args, fin);
        if (first instanceof Node.BoolNode) {
            return ((Node.BoolNode) first).value;
        }
        if (first instanceof Node.DotNode) {
            return dot;
        }
        if (first instanceof Node.NilNode) {
            throw errorf("nil is not a command");
        }
        if (first instanceof Node.NumberNode) {
            return idealConstant((Node.NumberNode) first);
        }
        if (first instanceof Node.StringNode) {
            return ((Node.StringNode) first).text;
        }
        throw errorf("can't evaluate command " + GoFmt.quote(first.toString()));
    }

    private Object idealConstant(Node.NumberNode c) {
        at(c);
        if (c.isComplex) {
            return c.complex;
        }
        if (c.isFloat && !isHexInt(c.text) && !isRuneInt(c.text)
                && (c.text.indexOf('.') >= 0 || c.text.indexOf('e') >= 0 || c.text.indexOf('E') >= 0
                    || c.text.indexOf('p') >= 0 || c.text.indexOf('P') >= 0)) {
            return c.float64;
        }
        if (c.isInt) {
            return c.int64;
        }
        if (c.isUint) {
            throw errorf(c.text + " overflows int");
        }
        return GoValues.MISSING;
    }

    private static boolean isRuneInt(String s) { return !s.isEmpty() && s.charAt(0) == '\''; }

    private static boolean isHexInt(String s) {
        return s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
                && s.indexOf('p') < 0 && s.indexOf('P') < 0;
    }

    private Object evalFieldNode(Object dot, Node.FieldNode field, List<Node> args, Object fin) {
        at(field);
        return evalFieldChain(dot, dot, field, field.ident, args, fin);
    }

    private Object evalChainNode(Object dot, Node.ChainNode chain, List<Node> args, Object fin) {
        at(chain);
        if (chain.field.isEmpty()) {
            throw errorf("internal error: no fields in evalChainNode");
        }
        if (chain.node instanceof Node.NilNode) {
            throw errorf("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, null, chain.node);
        return evalFieldChain(dot, pipe, chain, chain.fields(), args, fin);
    }

    private Object evalVariableNode(Object dot, Node.VariableNode variable, List<Node> args, Object fin) {
        at(variable);
        Object value = varValue(variable.ident[0]);
        if (variable.ident.length == 1) {
            if (args != null) {
                notAFunction(args, fin);
            } else if (fin != NO_FINAL) {
                throw errorf("can't give argument to non-function " + variable);
            }
            return value;
        }
        return evalFieldChain(dot, value, variable, variable.rest, args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, String[] ident, List<Node> args, Object fin) {
        int len = ident.length;
        for (int i = 0; i < len - 1; i++) {
            receiver = evalField(dot, ident[i], n, null, NO_FINAL, receiver);
        }
        return evalField(dot, ident[len - 1], n, args, fin, receiver);
    }

    private Object evalField(Object dot, String fieldName, Node n, List<Node> args, Object fin, Object receiver) {
        if (receiver == GoValues.MISSING) {
            return GoValues.MISSING;
        }
        if (receiver == null) {
            throw errorf("nil pointer evaluating interface {}." + fieldName);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != NO_FINAL;
        if (receiver instanceof GoStruct) {
            GoStruct s = (GoStruct) receiver;
            Object m = s.member(fieldName);
            if (m instanceof GoMethod) {
                return evalMethodCall(dot, (GoMethod) m, n, fieldName, args, fin);
            }
            if (m == GoStruct.NO_MEMBER) {
                if (s.isNilPointer()) {
                    throw errorf("nil pointer evaluating " + s.goType() + "." + fieldName);
                }
                throw errorf("can't evaluate field " + fieldName + " in type " + s.goType());
            }
            if (hasArgs) {
                throw errorf(fieldName + " has arguments but cannot be invoked as function");
            }
            return m;
        }
        if (fieldName.equals("String")) {
            if (receiver instanceof GoStringer && !hasArgs) {
                return ((GoStringer) receiver).goString();
            }
            if (receiver instanceof GoInt && ((GoInt) receiver).enumName() != null && !hasArgs) {
                return ((GoInt) receiver).enumName();
            }
        }
        if (receiver instanceof Map) {
            if (hasArgs) {
                throw errorf(fieldName + " is not a method but has arguments");
            }
            Map<?, ?> m = (Map<?, ?>) receiver;
            Object v = m.get(fieldName);
            if (v == null && !m.containsKey(fieldName)) {
                return GoValues.MISSING;
            }
            return v;
        }
        if (receiver instanceof GoMap) {
            GoMap gm = (GoMap) receiver;
            GoType kt = gm.type().key();
            if (kt == GoType.STRING || kt == GoType.ANY) {
                if (hasArgs) {
                    throw errorf(fieldName + " is not a method but has arguments");
                }
                if (gm.map() == null) {
                    return GoValues.MISSING;
                }
                Object v = gm.map().get(fieldName);
                if (v == null && !gm.map().containsKey(fieldName)) {
                    return GoValues.MISSING;
                }
                return v;
            }
        }
        throw errorf("can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
    }

    private Object evalMethodCall(Object dot, GoMethod m, Node n, String name, List<Node> args, Object fin) {
        int nargs = args == null ? 0 : args.size() - 1;
        int total = nargs + (fin != NO_FINAL ? 1 : 0);
        Object[] argv = new Object[total];
        for (int i = 0; i < nargs; i++) {
            argv[i] = evalArg(dot, GoType.ANY, args.get(i + 1));
        }
        if (fin != NO_FINAL) {
            argv[total - 1] = validateType(fin, GoType.ANY);
        }
        try {
            return m.invoke(argv);
        } catch (GoFuncException e) {
            at(n);
            throw errorf("error calling " + name + ": " + e.getMessage());
        }
    }

    private Object evalFunction(Object dot, Node.IdentifierNode node, Node cmd, List<Node> args, Object fin) {
        at(node);
        String name = node.ident;
        Function f = set.funcs().get(name);
        if (f == null) {
            throw errorf(GoFmt.quote(name) + " is not a defined function");
        }
        return evalCall(dot, f, cmd, name, args, fin);
    }

    private Object evalCall(Object dot, Function fun, Node n, String name, List<Node> argNodes, Object fin) {
        int nargs = argNodes == null ? 0 : argNodes.size() - 1;
        int numIn = nargs + (fin != NO_FINAL ? 1 : 0);
        GoType[] params = fun.params;
        int numFixed = nargs;
        if (fun.variadic) {
            numFixed = params.length - 1;
            if (numIn < numFixed) {
                throw errorf("wrong number of args for " + name + ": want at least " + (params.length - 1) + " got " + nargs);
            }
        } else if (numIn != params.length) {
            throw errorf("wrong number of args for " + name + ": want " + params.length + " got " + numIn);
        }
        boolean builtin = Builtins.isBuiltin(fun);
        if (builtin && (name.equals("and") || name.equals("or"))) {
            boolean isOr = name.equals("or");
            Object v = GoValues.MISSING;
            for (int i = 0; i < nargs; i++) {
                v = evalArg(dot, GoType.REFLECT_VALUE, argNodes.get(i + 1));
                if (GoValues.isTrue(indirectInterface(v)) == isOr) {
                    return v;
                }
            }
            if (fin != NO_FINAL) {
                v = validateType(fin, GoType.REFLECT_VALUE);
            }
            return v;
        }
        Object[] argv = new Object[numIn];
        int i = 0;
        for (; i < numFixed && i < nargs; i++) {
            argv[i] = evalArg(dot, params[i], argNodes.get(i + 1));
        }
        if (fun.variadic) {
            GoType argType = params[params.length - 1];
            for (; i < nargs; i++) {
                argv[i] = evalArg(dot, argType, argNodes.get(i + 1));
            }
        }
        if (fin != NO_FINAL) {
            GoType t = params[params.length - 1];
            if (fun.variadic && numIn - 1 < numFixed) {
                t = params[numIn - 1];
            }
            argv[i] = validateType(fin, t);
        }
        if (builtin && name.equals("call")) {
            String callee;
            if (nargs == 0) {
                callee = fin instanceof String ? (String) fin : "<" + GoValues.typeName(fin) + " Value>";
            } else {
                callee = argNodes.get(1).toString();
            }
            try {
                return Builtins.call(this, callee, argv);
            } catch (GoFuncException e) {
                at(n);
                throw errorf("error calling " + name + ": " + e.getMessage());
            }
        }
        try {
            return fun.body.call(argv);
        } catch (GoFuncException e) {
            at(n);
            throw errorf("error calling " + name + ": " + e.getMessage());
        } catch (ExecError e) {
            throw e;
        } catch (RuntimeException e) {
            at(n);
            throw errorf("error calling " + name + ": " + runtimeMessage(e));
        }
    }

    private static String runtimeMessage(RuntimeException e) {
        if (e instanceof NullPointerException) {
            return "runtime error: invalid memory address or nil pointer dereference";
        }
        if (e instanceof IndexOutOfBoundsException) {
            return "runtime error: index out of range";
        }
        return String.valueOf(e.getMessage());
    }

    /** Calls a function value for the {@code call} builtin, converting arguments as a direct call would. */
    Object callValue(Function f, Object[] args) throws GoFuncException {
        GoType[] params = f.params;
        int n = args.length;
        if (f.variadic ? n < params.length - 1 : n != params.length) {
            if (f.variadic) {
                throw new GoFuncException("wrong number of args: got " + n + " want at least " + (params.length - 1));
            }
            throw new GoFuncException("wrong number of args: got " + n + " want " + params.length);
        }
        Object[] argv = new Object[n];
        for (int i = 0; i < n; i++) {
            GoType t = i < params.length - 1 || !f.variadic ? params[i] : params[params.length - 1];
            Object v = args[i];
            if (t.kind() != GoType.Kind.REFLECT_VALUE) {
                v = indirectInterface(v);
                if (v == GoValues.MISSING) {
                    if (!t.kind().canBeNil()) {
                        throw new GoFuncException("value is nil; should be of type " + t);
                    }
                    v = t.zero();
                } else if (t.kind() != GoType.Kind.INTERFACE && GoValues.typeOf(v) != t) {
                    throw new GoFuncException("arg " + i + ": value has type " + GoValues.typeName(v) + "; should be " + t);
                }
            }
            argv[i] = v;
        }
        return f.body.call(argv);
    }

    static Object indirectInterface(Object v) { return v == null ? GoValues.MISSING : v; }

    private Object evalArg(Object dot, GoType typ, Node n) {
        at(n);
        if (n instanceof Node.DotNode) {
            return validateType(dot, typ);
        }
        if (n instanceof Node.NilNode) {
            if (typ != null && (typ.kind().canBeNil() || typ.kind() == GoType.Kind.REFLECT_VALUE)) {
                return typ.kind() == GoType.Kind.REFLECT_VALUE ? GoValues.MISSING : typ.zero();
            }
            throw errorf("cannot assign nil to " + typ);
        }
        if (n instanceof Node.FieldNode) {
            return validateType(evalFieldNode(dot, (Node.FieldNode) n, ((Node.FieldNode) n).selfArgs, NO_FINAL), typ);
        }
        if (n instanceof Node.VariableNode) {
            return validateType(evalVariableNode(dot, (Node.VariableNode) n, null, NO_FINAL), typ);
        }
        if (n instanceof Node.PipeNode) {
            return validateType(evalPipeline(dot, (Node.PipeNode) n), typ);
        }
        if (n instanceof Node.IdentifierNode) {
            return validateType(evalFunction(dot, (Node.IdentifierNode) n, n, null, NO_FINAL), typ);
        }
        if (n instanceof Node.ChainNode) {
            return validateType(evalChainNode(dot, (Node.ChainNode) n, null, NO_FINAL), typ);
        }
        if (typ == null) {
            throw errorf("can't handle " + n + " for arg of type <nil>");
        }
        switch (typ.kind()) {
            case BOOL:
                if (n instanceof Node.BoolNode) {
                    return ((Node.BoolNode) n).value;
                }
                throw errorf("expected bool; found " + n);
            case COMPLEX128:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isComplex) {
                    return ((Node.NumberNode) n).complex;
                }
                throw errorf("expected complex; found " + n);
            case FLOAT32: case FLOAT64:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isFloat) {
                    double d = ((Node.NumberNode) n).float64;
                    return typ.kind() == GoType.Kind.FLOAT32 ? (Object) (float) d : (Object) d;
                }
                throw errorf("expected float; found " + n);
            case INT: case INT8: case INT16: case INT32: case INT64:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isInt) {
                    return GoValues.makeInt(typ, ((Node.NumberNode) n).int64);
                }
                throw errorf("expected integer; found " + n);
            case UINT: case UINT8: case UINT16: case UINT32: case UINT64: case UINTPTR:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isUint) {
                    return GoValues.makeInt(typ, ((Node.NumberNode) n).uint64);
                }
                throw errorf("expected unsigned integer; found " + n);
            case INTERFACE: case REFLECT_VALUE:
                return evalEmptyInterface(dot, n);
            case STRING:
                if (n instanceof Node.StringNode) {
                    return ((Node.StringNode) n).text;
                }
                throw errorf("expected string; found " + n);
            default:
                throw errorf("can't handle " + n + " for arg of type " + typ);
        }
    }

    private Object evalEmptyInterface(Object dot, Node n) {
        at(n);
        if (n instanceof Node.BoolNode) {
            return ((Node.BoolNode) n).value;
        }
        if (n instanceof Node.NumberNode) {
            return idealConstant((Node.NumberNode) n);
        }
        if (n instanceof Node.StringNode) {
            return ((Node.StringNode) n).text;
        }
        throw errorf("can't handle assignment of " + n + " to empty interface argument");
    }

    private Object validateType(Object value, GoType typ) {
        if (value == GoValues.MISSING) {
            if (typ == null) {
                return GoValues.MISSING;
            }
            if (typ.kind() == GoType.Kind.REFLECT_VALUE) {
                return GoValues.MISSING;
            }
            if (typ.kind().canBeNil()) {
                return typ.zero();
            }
            throw errorf("invalid value; expected " + typ);
        }
        if (typ == null || typ.kind() == GoType.Kind.INTERFACE || typ.kind() == GoType.Kind.REFLECT_VALUE) {
            return value;
        }
        GoType vt = GoValues.typeOf(value);
        if (vt == typ) {
            return value;
        }
        if (vt == null) {
            throw errorf("wrong type for value; expected " + typ + "; got interface {}");
        }
        if (value instanceof GoStruct && vt.kind() == GoType.Kind.POINTER && vt.elem() == typ) {
            if (((GoStruct) value).isNilPointer()) {
                throw errorf("dereference of nil pointer of type " + typ);
            }
            return value;
        }
        if (value instanceof GoStruct && typ.kind() == GoType.Kind.POINTER && typ.elem() == vt) {
            return value;
        }
        throw errorf("wrong type for value; expected " + typ + "; got " + vt);
    }

    private void printValue(Node n, Object v) {
        at(n);
        if (v == GoValues.MISSING) {
            out.append("<no value>");
            return;
        }
        if (v instanceof Function || v instanceof GoMethod) {
            throw errorf("can't print " + n + " of type " + GoValues.typeName(v));
        }
        if (v instanceof String) {
            out.append((String) v);
            return;
        }
        if (v instanceof Long || v instanceof Integer) {
            out.append(((Number) v).longValue());
            return;
        }
        if (v instanceof Boolean) {
            out.append(((Boolean) v).booleanValue());
            return;
        }
        out.append(GoFmt.sprint(v));
    }
}
