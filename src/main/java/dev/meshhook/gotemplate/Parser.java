package dev.meshhook.gotemplate;

import dev.meshhook.gotemplate.Lexer.Item;
import dev.meshhook.gotemplate.Lexer.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Go text/template parser (parse/parse.go semantics and error texts). */
final class Parser {

    /** Parse failure carrying Go's message. */
    static final class ParseError extends RuntimeException {
        ParseError(String msg) { super(msg, null, false, false); }
    }

    private final List<Item> items;
    private final String text;
    private final String parseName;
    private final Predicate<String> hasFunction;
    private final Map<String, Tree> treeSet;
    private int idx;
    private int maxIdx = -1;

    // per-tree state
    private Tree tree;
    private List<String> vars;
    private int rangeDepth;
    private int actionLine;
    private int stackDepth;
    /** Go's parse.maxStackDepth: limit on parenthesized-pipeline nesting. */
    static final int MAX_STACK_DEPTH = 10000;

    private Parser(String parseName, String text, List<Item> items, Predicate<String> hasFunction, Map<String, Tree> treeSet) {
        this.parseName = parseName;
        this.text = text;
        this.items = items;
        this.hasFunction = hasFunction;
        this.treeSet = treeSet;
    }

    /** Parses {@code text} as template {@code name}; adds it and its definitions to {@code treeSet} (Go's parse.Parse). */
    static void parse(String name, String text, Predicate<String> hasFunction, Map<String, Tree> treeSet) {
        Parser p = new Parser(name, text, Lexer.lex(text), hasFunction, treeSet);
        p.tree = new Tree(name, name, text);
        p.vars = new ArrayList<>(List.of("$"));
        try {
            p.parseTop();
        } catch (StackOverflowError e) {
            // nesting deeper than the Java stack allows; Go would hit its own depth limit on such input
            throw new ParseError("template: " + name + ": max expression depth exceeded");
        }
        p.add();
    }

    // ---- token access -------------------------------------------------------------------------------------

    private Item next() {
        Item it = items.get(Math.min(idx, items.size() - 1));
        if (idx < items.size()) {
            idx++;
        }
        maxIdx = Math.max(maxIdx, idx - 1);
        return it;
    }

    private void backup() { idx--; }

    private Item peek() {
        Item it = next();
        backup();
        return it;
    }

    private Item nextNonSpace() {
        Item it;
        do {
            it = next();
        } while (it.typ == T.SPACE);
        return it;
    }

    private Item peekNonSpace() {
        Item it = nextNonSpace();
        backup();
        return it;
    }

    private RuntimeException errorf(String msg) {
        int line = items.get(Math.max(0, Math.min(maxIdx, items.size() - 1))).line;
        throw new ParseError("template: " + parseName + ":" + line + ": " + msg);
    }

    private Item expect(T expected, String context) {
        Item t = nextNonSpace();
        if (t.typ != expected) {
            unexpected(t, context);
        }
        return t;
    }

    private Item expectOneOf(T a, T b, String context) {
        Item t = nextNonSpace();
        if (t.typ != a && t.typ != b) {
            unexpected(t, context);
        }
        return t;
    }

    private void unexpected(Item token, String context) {
        if (token.typ == T.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != token.line) {
                extra = " in action started at " + parseName + ":" + actionLine;
                if (token.val.endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            throw errorf(token + extra);
        }
        throw errorf("unexpected " + token + " in " + context);
    }

    // ---- trees ---------------------------------------------------------------------------------------------

    private void add() {
        Tree existing = treeSet.get(tree.name);
        if (existing == null || Tree.isEmpty(existing.root)) {
            treeSet.put(tree.name, tree);
            return;
        }
        if (!Tree.isEmpty(tree.root)) {
            throw errorf("template: multiple definition of template " + GoFmt.quote(tree.name));
        }
    }

    private void parseTop() {
        tree.root = new Node.ListNode(tree, peek().pos);
        while (peek().typ != T.EOF) {
            if (peek().typ == T.LEFT_DELIM) {
                Item delim = next();
                int save = idx;
                if (nextNonSpace().typ == T.DEFINE) {
                    parseSubTree(null);
                    continue;
                }
                idx = save - 1; // back up to the delimiter
                if (idx < 0 || items.get(idx) != delim) {
                    idx = items.indexOf(delim);
                }
            }
            Node n = textOrAction();
            if (n instanceof Node.EndNode || n instanceof Node.ElseNode) {
                throw errorf("unexpected " + n);
            }
            tree.root.nodes.add(n);
        }
        freezeAll(tree.root);
    }

    /** Parses a {{define}} (blockName == null) or the body of a {{block}} as a new tree, then restores state. */
    private void parseSubTree(String blockName) {
        Tree savedTree = tree;
        List<String> savedVars = vars;
        int savedRange = rangeDepth;
        int savedActionLine = actionLine;
        try {
            vars = new ArrayList<>(List.of("$"));
            rangeDepth = 0;
            String context;
            if (blockName == null) {
                context = "define clause";
                Item name = expectOneOf(T.STRING, T.RAW_STRING, context);
                String n = unquote(name.val);
                tree = new Tree(n, parseName, text);
                expect(T.RIGHT_DELIM, context);
            } else {
                context = "block clause";
                tree = new Tree(blockName, parseName, text);
            }
            Object[] r = itemList();
            tree.root = (Node.ListNode) r[0];
            Node end = (Node) r[1];
            if (!(end instanceof Node.EndNode)) {
                throw errorf("unexpected " + end + " in " + context);
            }
            freezeAll(tree.root);
            add();
        } finally {
            tree = savedTree;
            vars = savedVars;
            rangeDepth = savedRange;
            actionLine = savedActionLine;
        }
    }

    private static void freezeAll(Node n) {
        if (n instanceof Node.ListNode) {
            Node.ListNode l = (Node.ListNode) n;
            l.freeze();
            for (Node c : l.nodes) {
                freezeAll(c);
            }
        } else if (n instanceof Node.BranchNode) {
            Node.BranchNode b = (Node.BranchNode) n;
            freezeAll(b.list);
            if (b.elseList != null) {
                freezeAll(b.elseList);
            }
        }
    }

    /** Returns {list, terminating End/Else node}. */
    private Object[] itemList() {
        Node.ListNode list = new Node.ListNode(tree, peekNonSpace().pos);
        while (peekNonSpace().typ != T.EOF) {
            Node n = textOrAction();
            if (n instanceof Node.EndNode || n instanceof Node.ElseNode) {
                return new Object[] {list, n};
            }
            list.nodes.add(n);
        }
        throw errorf("unexpected EOF");
    }

    private Node textOrAction() {
        Item token = nextNonSpace();
        switch (token.typ) {
            case TEXT:
                return new Node.TextNode(tree, token.pos, token.val);
            case LEFT_DELIM:
                actionLine = token.line;
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            case COMMENT:
                return new Node.CommentNode(tree, token.pos, token.val);
            default:
                unexpected(token, "input");
                return null;
        }
    }

    private Node action() {
        Item token = nextNonSpace();
        switch (token.typ) {
            case BLOCK: return blockControl();
            case BREAK: return breakControl(token, "{{break}}");
            case CONTINUE: return breakControl(token, "{{continue}}");
            case ELSE: return elseControl();
            case END: return new Node.EndNode(tree, expect(T.RIGHT_DELIM, "end").pos);
            case IF: return branchControl("if");
            case RANGE: return branchControl("range");
            case TEMPLATE: return templateControl();
            case WITH: return branchControl("with");
            default:
                break;
        }
        backup();
        Item t = peek();
        return new Node.ActionNode(tree, t.pos, t.line, pipeline("command", T.RIGHT_DELIM));
    }

    private Node breakControl(Item kw, String what) {
        Item token = nextNonSpace();
        if (token.typ != T.RIGHT_DELIM) {
            unexpected(token, what);
        }
        if (rangeDepth == 0) {
            throw errorf(what + " outside {{range}}");
        }
        return what.equals("{{break}}") ? new Node.BreakNode(tree, kw.pos) : new Node.ContinueNode(tree, kw.pos);
    }

    private Node elseControl() {
        Item p = peekNonSpace();
        if (p.typ == T.IF || p.typ == T.WITH) {
            return new Node.ElseNode(tree, p.pos);
        }
        Item token = expect(T.RIGHT_DELIM, "else");
        return new Node.ElseNode(tree, token.pos);
    }

    private Node branchControl(String context) {
        int nvars = vars.size();
        try {
            Node.PipeNode pipe = pipeline(context, T.RIGHT_DELIM);
            if (context.equals("range")) {
                rangeDepth++;
            }
            Object[] r = itemList();
            if (context.equals("range")) {
                rangeDepth--;
            }
            Node.ListNode list = (Node.ListNode) r[0];
            Node next = (Node) r[1];
            Node.ListNode elseList = null;
            if (next instanceof Node.ElseNode) {
                if (context.equals("if") && peek().typ == T.IF) {
                    next();
                    elseList = new Node.ListNode(tree, next.pos);
                    elseList.nodes.add(branchControl("if"));
                } else if (context.equals("with") && peek().typ == T.WITH) {
                    next();
                    elseList = new Node.ListNode(tree, next.pos);
                    elseList.nodes.add(branchControl("with"));
                } else {
                    Object[] e = itemList();
                    elseList = (Node.ListNode) e[0];
                    if (!(e[1] instanceof Node.EndNode)) {
                        throw errorf("expected end; found " + e[1]);
                    }
                }
            }
            return new Node.BranchNode(tree, pipe.pos, context, pipe, list, elseList);
        } finally {
            while (vars.size() > nvars) {
                vars.remove(vars.size() - 1);
            }
        }
    }

    private Node blockControl() {
        String context = "block clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        Node.PipeNode pipe = pipeline(context, T.RIGHT_DELIM);
        parseSubTree(name);
        return new Node.TemplateNode(tree, token.pos, name, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        Node.PipeNode pipe = null;
        if (nextNonSpace().typ != T.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, T.RIGHT_DELIM);
        }
        return new Node.TemplateNode(tree, token.pos, name, pipe);
    }

    private String parseTemplateName(Item token, String context) {
        if (token.typ == T.STRING || token.typ == T.RAW_STRING) {
            return unquote(token.val);
        }
        unexpected(token, context);
        return null;
    }

    private String unquote(String q) {
        try {
            return GoStrconv.unquote(q);
        } catch (IllegalArgumentException e) {
            throw errorf(e.getMessage());
        }
    }

    private Node.PipeNode pipeline(String context, T end) {
        Item token = peekNonSpace();
        Node.PipeNode pipe = new Node.PipeNode(tree, token.pos, token.line);
        decls:
        while (true) {
            Item v = peekNonSpace();
            if (v.typ == T.VARIABLE) {
                next();
                Item tokenAfterVariable = peek();
                int afterIdx = idx;
                Item nx = peekNonSpace();
                if (nx.typ == T.ASSIGN || nx.typ == T.DECLARE) {
                    pipe.isAssign = nx.typ == T.ASSIGN;
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(tree, v.pos, v.val));
                    vars.add(v.val);
                } else if (nx.typ == T.CHAR && nx.val.equals(",")) {
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(tree, v.pos, v.val));
                    vars.add(v.val);
                    if (context.equals("range") && pipe.decl.size() < 2) {
                        T pt = peekNonSpace().typ;
                        if (pt == T.VARIABLE || pt == T.RIGHT_DELIM || pt == T.RIGHT_PAREN) {
                            continue decls;
                        }
                        throw errorf("range can only initialize variables");
                    }
                    throw errorf("too many declarations in " + context);
                } else if (tokenAfterVariable.typ == T.SPACE) {
                    idx = afterIdx - 1; // back before the variable
                    idx = indexOfItem(v);
                } else {
                    idx = indexOfItem(v);
                }
            }
            break;
        }
        while (true) {
            Item t = nextNonSpace();
            if (t.typ == end) {
                checkPipeline(pipe, context);
                return pipe;
            }
            switch (t.typ) {
                case BOOL: case CHAR_CONSTANT: case COMPLEX: case DOT: case FIELD: case IDENTIFIER: case NUMBER:
                case NIL: case RAW_STRING: case STRING: case VARIABLE: case LEFT_PAREN:
                    backup();
                    pipe.cmds.add(command());
                    break;
                default:
                    unexpected(t, context);
            }
        }
    }

    private int indexOfItem(Item it) {
        for (int i = Math.min(idx, items.size() - 1); i >= 0; i--) {
            if (items.get(i) == it) {
                return i;
            }
        }
        throw new IllegalStateException("token not found");
    }

    private void checkPipeline(Node.PipeNode pipe, String context) {
        if (pipe.cmds.isEmpty()) {
            throw errorf("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds.size(); i++) {
            Node a = pipe.cmds.get(i).args.get(0);
            if (a instanceof Node.BoolNode || a instanceof Node.DotNode || a instanceof Node.NilNode
                    || a instanceof Node.NumberNode || a instanceof Node.StringNode) {
                throw errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Node.CommandNode command() {
        Node.CommandNode cmd = new Node.CommandNode(tree, peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                cmd.args.add(operand);
            }
            Item token = next();
            if (token.typ == T.SPACE) {
                continue;
            }
            if (token.typ == T.RIGHT_DELIM || token.typ == T.RIGHT_PAREN) {
                backup();
            } else if (token.typ != T.PIPE) {
                unexpected(token, "operand");
            }
            break;
        }
        if (cmd.args.isEmpty()) {
            throw errorf("empty command");
        }
        return cmd;
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().typ == T.FIELD) {
            Node.ChainNode chain = new Node.ChainNode(tree, peek().pos, node);
            while (peek().typ == T.FIELD) {
                chain.add(next().val);
            }
            chain.fields(); // computed while parsing so the finished tree is immutable
            if (node instanceof Node.FieldNode) {
                node = new Node.FieldNode(tree, chain.pos, chain.toString());
            } else if (node instanceof Node.VariableNode) {
                node = new Node.VariableNode(tree, chain.pos, chain.toString());
            } else if (node instanceof Node.BoolNode || node instanceof Node.StringNode || node instanceof Node.NumberNode
                    || node instanceof Node.NilNode || node instanceof Node.DotNode) {
                throw errorf("unexpected . after term " + GoFmt.quote(node.toString()));
            } else {
                node = chain;
            }
        }
        return node;
    }

    private Node term() {
        Item token = nextNonSpace();
        switch (token.typ) {
            case IDENTIFIER:
                if (!hasFunction.test(token.val)) {
                    throw errorf("function " + GoFmt.quote(token.val) + " not defined");
                }
                return new Node.IdentifierNode(tree, token.pos, token.val);
            case DOT:
                return new Node.DotNode(tree, token.pos);
            case NIL:
                return new Node.NilNode(tree, token.pos);
            case VARIABLE:
                return useVar(token.pos, token.val);
            case FIELD:
                return new Node.FieldNode(tree, token.pos, token.val);
            case BOOL:
                return new Node.BoolNode(tree, token.pos, token.val.equals("true"));
            case CHAR_CONSTANT: case COMPLEX: case NUMBER:
                try {
                    return GoStrconv.newNumber(tree, token.pos, token.val, token.typ);
                } catch (IllegalArgumentException e) {
                    throw errorf(e.getMessage());
                }
            case LEFT_PAREN:
                if (stackDepth >= MAX_STACK_DEPTH) {
                    throw errorf("max expression depth exceeded");
                }
                stackDepth++;
                try {
                    return pipeline("parenthesized pipeline", T.RIGHT_PAREN);
                } finally {
                    stackDepth--;
                }
            case STRING: case RAW_STRING:
                return new Node.StringNode(tree, token.pos, token.val, unquote(token.val));
            default:
                backup();
                return null;
        }
    }

    private Node useVar(int pos, String name) {
        Node.VariableNode v = new Node.VariableNode(tree, pos, name);
        if (vars.contains(v.ident[0])) {
            return v;
        }
        throw errorf("undefined variable " + GoFmt.quote(v.ident[0]));
    }
}
