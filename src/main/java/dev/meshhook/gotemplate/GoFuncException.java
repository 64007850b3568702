package dev.meshhook.gotemplate;

/** The Go {@code error} a template function returned; the engine wraps it as {@code error calling NAME: message}. */
public class GoFuncException extends Exception {
    public GoFuncException(String message) {
        super(message, null, false, false);
    }
}
