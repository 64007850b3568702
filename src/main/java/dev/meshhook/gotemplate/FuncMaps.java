package dev.meshhook.gotemplate;

/** The standard function maps. */
public final class FuncMaps {
    private FuncMaps() {}

    private static final FuncMap EMPTY = FuncMap.of(java.util.List.of());

    /** Go's text/template builtins only. */
    public static FuncMap go() { return EMPTY; }

}
