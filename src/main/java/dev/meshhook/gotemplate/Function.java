package dev.meshhook.gotemplate;

import java.util.List;

/**
 * A template function: Go signature (parameter types, variadic) plus a Java body. The engine converts arguments
 * as Go's reflection-based call does before invoking {@link Body#call(Object[])}. A parameter of type
 * {@link GoType#REFLECT_VALUE} receives the raw value (possibly "missing"), like Go's builtins.
 */
public final class Function {

    /** The implementation; arguments arrive converted to the declared types. */
    @FunctionalInterface
    public interface Body {
        Object call(Object[] args) throws GoFuncException;
    }

    final String name;
    final GoType[] params;
    final boolean variadic;
    final Body body;

    private Function(String name, GoType[] params, boolean variadic, Body body) {
        this.name = name;
        this.params = params;
        this.variadic = variadic;
        this.body = body;
    }

    /** A function with fixed parameters. */
    public static Function of(String name, List<GoType> params, Body body) {
        return new Function(name, params.toArray(new GoType[0]), false, body);
    }

    /** A variadic function; the last element of {@code params} is the element type of the {@code ...} parameter. */
    public static Function variadic(String name, List<GoType> params, Body body) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("variadic function needs a parameter");
        }
        return new Function(name, params.toArray(new GoType[0]), true, body);
    }

    public String name() { return name; }

    @Override
    public String toString() { return "func " + name; }
}
