package dev.meshhook.gotemplate;

/** The standard function maps. */
public final class FuncMaps {
    private FuncMaps() {}

    /** Go's text/template builtins only ({@code and or not len index slice print printf println html js urlquery call eq ne lt le gt ge}). */
    public static FuncMap go() { return Builtins.MAP; }

    private static final FuncMap ISTIO = istio(System::getenv);

    /**
     * What Istio's injector parses templates with: sprig v3.3.0 TxtFuncMap overlaid by Istio's InjectionFuncmap
     * (Istio wins on indent, contains, env, omit). {@code env} reads the process environment.
     */
    public static FuncMap istio() { return ISTIO; }

    /** As {@link #istio()}, with {@code env} (and sprig's expandenv) reading variables through {@code env}. */
    public static FuncMap istio(java.util.function.UnaryOperator<String> env) {
        return Builtins.MAP.with(Sprig.funcs(env)).with(IstioFuncs.funcs(env));
    }

    /** Functions of these maps whose result differs between calls with the same arguments (random text, UUIDs). */
    public static java.util.Set<String> nondeterministic() {
        return Sprig.NONDETERMINISTIC;
    }


}
