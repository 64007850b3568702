package dev.meshhook.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Errors and warnings collected while validating one resource, in the order found. */
public final class Findings {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(String message) { errors.add(message); }

    public void warn(String message) { warnings.add(message); }

    public void addAll(Findings other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
    }

    public List<String> errors() { return Collections.unmodifiableList(errors); }

    public List<String> warnings() { return Collections.unmodifiableList(warnings); }

    public boolean hasErrors() { return !errors.isEmpty(); }
}
