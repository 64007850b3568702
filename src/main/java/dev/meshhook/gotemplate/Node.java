package dev.meshhook.gotemplate;

import java.util.ArrayList;
import java.util.List;

/** Parse tree nodes of Go text/template; {@link #toString()} reproduces Go's Node.String() used in error texts. */
abstract class Node {
    final int pos;
    /** The tree (template source) the node was parsed from: for error locations. */
    final Tree tree;

    Node(Tree tree, int pos) {
        this.tree = tree;
        this.pos = pos;
    }

    static final class ListNode extends Node {
        final List<Node> nodes = new ArrayList<>();
        Node[] array;

        ListNode(Tree t, int pos) { super(t, pos); }

        void freeze() { array = nodes.toArray(new Node[0]); }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                sb.append(n);
            }
            return sb.toString();
        }
    }

    static final class TextNode extends Node {
        final String text;

        TextNode(Tree t, int pos, String text) {
            super(t, pos);
            this.text = text;
        }

        @Override
        public String toString() { return GoFmt.quote(text); }
    }

    static final class CommentNode extends Node {
        final String text;

        CommentNode(Tree t, int pos, String text) {
            super(t, pos);
            this.text = text;
        }

        @Override
        public String toString() { return "{{" + text + "}}"; }
    }

    static final class PipeNode extends Node {
        final int line;
        boolean isAssign;
        final List<VariableNode> decl = new ArrayList<>();
        final List<CommandNode> cmds = new ArrayList<>();

        PipeNode(Tree t, int pos, int line) {
            super(t, pos);
            this.line = line;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    static final class ActionNode extends Node {
        final int line;
        final PipeNode pipe;

        ActionNode(Tree t, int pos, int line, PipeNode pipe) {
            super(t, pos);
            this.line = line;
            this.pipe = pipe;
        }

        @Override
        public String toString() { return "{{" + pipe + "}}"; }
    }

    static final class CommandNode extends Node {
        final List<Node> args = new ArrayList<>();

        CommandNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node a = args.get(i);
                if (a instanceof PipeNode) {
                    sb.append('(').append(a).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    static final class IdentifierNode extends Node {
        final String ident;

        IdentifierNode(Tree t, int pos, String ident) {
            super(t, pos);
            this.ident = ident;
        }

        @Override
        public String toString() { return ident; }
    }

    static final class VariableNode extends Node {
        final String[] ident;
        /** ident without the variable name: the field chain. */
        final String[] rest;

        VariableNode(Tree t, int pos, String ident) {
            super(t, pos);
            this.ident = ident.split("\\.", -1);
            this.rest = java.util.Arrays.copyOfRange(this.ident, 1, this.ident.length);
        }

        @Override
        public String toString() { return String.join(".", ident); }
    }

    static final class DotNode extends Node {
        DotNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "."; }
    }

    static final class NilNode extends Node {
        NilNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "nil"; }
    }

    static final class FieldNode extends Node {
        final String[] ident;
        /** The argument list {this}, as evalArg passes it. */
        final List<Node> selfArgs = List.of(this);

        FieldNode(Tree t, int pos, String ident) {
            super(t, pos);
            this.ident = ident.substring(1).split("\\.", -1);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String s : ident) {
                sb.append('.').append(s);
            }
            return sb.toString();
        }
    }

    static final class ChainNode extends Node {
        final Node node;
        final List<String> field = new ArrayList<>();

        ChainNode(Tree t, int pos, Node node) {
            super(t, pos);
            this.node = node;
        }

        private String[] fieldArray;

        String[] fields() {
            String[] a = fieldArray;
            if (a == null) {
                a = field.toArray(new String[0]);
                fieldArray = a;
            }
            return a;
        }

        void add(String f) {
            if (f.isEmpty() || f.charAt(0) != '.') {
                throw new IllegalStateException("no dot in field");
            }
            f = f.substring(1);
            if (f.isEmpty()) {
                throw new IllegalStateException("empty field");
            }
            field.add(f);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (node instanceof PipeNode) {
                sb.append('(').append(node).append(')');
            } else {
                sb.append(node);
            }
            for (String f : field) {
                sb.append('.').append(f);
            }
            return sb.toString();
        }
    }

    static final class BoolNode extends Node {
        final boolean value;

        BoolNode(Tree t, int pos, boolean value) {
            super(t, pos);
            this.value = value;
        }

        @Override
        public String toString() { return value ? "true" : "false"; }
    }

    static final class NumberNode extends Node {
        final String text;
        boolean isInt, isUint, isFloat, isComplex;
        long int64;
        long uint64;
        double float64;
        GoComplex complex;

        NumberNode(Tree t, int pos, String text) {
            super(t, pos);
            this.text = text;
        }

        @Override
        public String toString() { return text; }
    }

    static final class StringNode extends Node {
        final String quoted;
        final String text;

        StringNode(Tree t, int pos, String quoted, String text) {
            super(t, pos);
            this.quoted = quoted;
            this.text = text;
        }

        @Override
        public String toString() { return quoted; }
    }

    static final class EndNode extends Node {
        EndNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "{{end}}"; }
    }

    static final class ElseNode extends Node {
        ElseNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "{{else}}"; }
    }

    static final class BreakNode extends Node {
        BreakNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "{{break}}"; }
    }

    static final class ContinueNode extends Node {
        ContinueNode(Tree t, int pos) { super(t, pos); }

        @Override
        public String toString() { return "{{continue}}"; }
    }

    /** if / range / with. */
    static final class BranchNode extends Node {
        final String kind;
        final PipeNode pipe;
        final ListNode list;
        final ListNode elseList;

        BranchNode(Tree t, int pos, String kind, PipeNode pipe, ListNode list, ListNode elseList) {
            super(t, pos);
            this.kind = kind;
            this.pipe = pipe;
            this.list = list;
            this.elseList = elseList;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{{").append(kind).append(' ').append(pipe).append("}}").append(list);
            if (elseList != null) {
                sb.append("{{else}}").append(elseList);
            }
            return sb.append("{{end}}").toString();
        }
    }

    static final class TemplateNode extends Node {
        final String name;
        final PipeNode pipe;

        TemplateNode(Tree t, int pos, String name, PipeNode pipe) {
            super(t, pos);
            this.name = name;
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            if (pipe == null) {
                return "{{template " + GoFmt.quote(name) + "}}";
            }
            return "{{template " + GoFmt.quote(name) + " " + pipe + "}}";
        }
    }
}
