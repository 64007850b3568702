package dev.meshhook.gotemplate;

/** A Go template parse or execution error; the message is Go's text (e.g. {@code template: t:1:2: executing ...}). */
public class TemplateException extends Exception {

    /** Where the error happened. */
    public enum Phase { PARSE, EXEC }

    private final Phase phase;

    public TemplateException(Phase phase, String message) {
        super(message, null, false, false);
        this.phase = phase;
    }

    public Phase phase() { return phase; }
}
