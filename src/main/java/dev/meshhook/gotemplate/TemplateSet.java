package dev.meshhook.gotemplate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, immutable set of associated Go templates sharing one function map (Go's {@code *template.Template}
 * with its {@code define}d siblings). Parse once, execute many times from any number of threads: execution state
 * lives in a per-call object.
 *
 * <pre>
 * TemplateSet t = TemplateSet.parse("sidecar", text, FuncMaps.istio());
 * String out = t.execute(data);               // runs "sidecar"
 * String part = t.execute("resources", data); // runs a {{define}}d template
 * </pre>
 */
public final class TemplateSet {
    private final String name;
    private final FuncMap funcs;
    private final Map<String, Tree> trees;

    private TemplateSet(String name, FuncMap funcs, Map<String, Tree> trees) {
        this.name = name;
        this.funcs = funcs;
        this.trees = trees;
    }

    /** Parses {@code text} as template {@code name} (like {@code template.New(name).Funcs(funcs).Parse(text)}). */
    public static TemplateSet parse(String name, String text, FuncMap funcs) throws TemplateException {
        return builder(name, funcs).add(name, text).build();
    }

    /** A builder for a set of several named texts, parsed in order (later definitions replace earlier ones). */
    public static Builder builder(String firstName, FuncMap funcs) { return new Builder(firstName, funcs); }

    /** Builds a set template by template. */
    public static final class Builder {
        private final String name;
        private final FuncMap funcs;
        private final Map<String, Tree> trees = new LinkedHashMap<>();

        private Builder(String name, FuncMap funcs) {
            this.name = name;
            this.funcs = Builtins.MAP.with(funcs);
        }

        /** Parses one more text as template {@code tmplName} into the set (Go's {@code set.New(name).Parse(text)}). */
        public Builder add(String tmplName, String text) throws TemplateException {
            Map<String, Tree> parsed = new LinkedHashMap<>();
            try {
                Parser.parse(tmplName, text, funcs::has, parsed);
            } catch (Parser.ParseError e) {
                throw new TemplateException(TemplateException.Phase.PARSE, e.getMessage());
            }
            for (Map.Entry<String, Tree> e : parsed.entrySet()) {
                Tree old = trees.get(e.getKey());
                if (old != null && Tree.isEmpty(e.getValue().root)) {
                    continue; // Go keeps a non-empty definition rather than replacing it with an empty one
                }
                trees.put(e.getKey(), e.getValue());
            }
            return this;
        }

        public TemplateSet build() { return new TemplateSet(name, funcs, new HashMap<>(trees)); }
    }

    /** Name of the set's first template (the one {@link #execute(Object)} runs). */
    public String name() { return name; }

    /** Names of all templates in the set. */
    public Set<String> templateNames() { return trees.keySet(); }

    public boolean has(String tmplName) { return trees.containsKey(tmplName); }

    /**
     * Names of the functions the set's templates call (every identifier in their actions), e.g. to tell whether
     * two executions with the same data may print different text (see {@link FuncMaps#nondeterministic()}).
     */
    public Set<String> functionNames() {
        Set<String> out = new java.util.TreeSet<>();
        for (Tree t : trees.values()) {
            collectIdentifiers(t.root, out);
        }
        return out;
    }

    private static void collectIdentifiers(Node n, Set<String> out) {
        if (n instanceof Node.ListNode l) {
            l.nodes.forEach(c -> collectIdentifiers(c, out));
        } else if (n instanceof Node.ActionNode a) {
            collectIdentifiers(a.pipe, out);
        } else if (n instanceof Node.PipeNode p) {
            p.cmds.forEach(c -> collectIdentifiers(c, out));
        } else if (n instanceof Node.CommandNode c) {
            c.args.forEach(arg -> collectIdentifiers(arg, out));
        } else if (n instanceof Node.IdentifierNode i) {
            out.add(i.ident);
        } else if (n instanceof Node.ChainNode c) {
            collectIdentifiers(c.node, out);
        } else if (n instanceof Node.BranchNode b) {
            collectIdentifiers(b.pipe, out);
            collectIdentifiers(b.list, out);
            collectIdentifiers(b.elseList, out);
        } else if (n instanceof Node.TemplateNode t) {
            collectIdentifiers(t.pipe, out);
        }
    }

    FuncMap funcs() { return funcs; }

    Tree lookup(String tmplName) { return trees.get(tmplName); }

    /** Executes the set's first template with {@code data} as dot. */
    public String execute(Object data) throws TemplateException { return execute(name, data); }

    /** Executes template {@code tmplName} (Go's ExecuteTemplate). */
    public String execute(String tmplName, Object data) throws TemplateException {
        StringBuilder sb = new StringBuilder(1024);
        execute(tmplName, data, sb);
        return sb.toString();
    }

    /**
     * Executes template {@code tmplName}, appending to {@code out}. On error, {@code out} may hold partial output.
     * {@code data}: see the package documentation for the value model; Java null is Go's untyped nil.
     */
    public void execute(String tmplName, Object data, StringBuilder out) throws TemplateException {
        Tree t = trees.get(tmplName);
        if (t == null) {
            throw new TemplateException(TemplateException.Phase.EXEC,
                    "template: no template " + GoFmt.quote(tmplName) + " associated with template " + GoFmt.quote(name));
        }
        try {
            new Exec(this, out).run(t, data);
        } catch (Exec.ExecError e) {
            throw new TemplateException(TemplateException.Phase.EXEC, e.getMessage());
        }
    }
}
