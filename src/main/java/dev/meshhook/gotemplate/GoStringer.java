package dev.meshhook.gotemplate;

/** A value with a Go {@code String() string} method; fmt's {@code %v}/{@code %s} and sprig's toString use it. */
public interface GoStringer {
    String goString();
}
