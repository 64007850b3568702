package dev.meshhook.gotemplate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable name → function table. Later maps override earlier ones ({@link #with(FuncMap)}), like Go's
 * successive {@code Funcs} calls; the Go builtins are always underneath (see {@link FuncMaps#go()}).
 */
public final class FuncMap {
    private final Map<String, Function> funcs;

    private FuncMap(Map<String, Function> funcs) { this.funcs = Collections.unmodifiableMap(funcs); }

    public static FuncMap of(Iterable<Function> fs) {
        Map<String, Function> m = new LinkedHashMap<>();
        for (Function f : fs) {
            m.put(f.name(), f);
        }
        return new FuncMap(m);
    }

    /** This map overlaid by {@code other} (other wins on name clashes). */
    public FuncMap with(FuncMap other) {
        Map<String, Function> m = new LinkedHashMap<>(funcs);
        m.putAll(other.funcs);
        return new FuncMap(m);
    }

    public Function get(String name) { return funcs.get(name); }

    public boolean has(String name) { return funcs.containsKey(name); }

    public Map<String, Function> asMap() { return funcs; }
}
