package dev.meshhook.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Errors and warnings collected while validating one resource, in the order found.
 *
 * <p>Istio aggregates errors with hashicorp go-multierror: some rules produce their error already
 * wrapped as a one-element list, which changes how a lone error is printed (§1.5). Such errors are
 * added with {@link #errorInList(String)}.
 */
public final class Findings {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** True when the first error was produced in list form (only matters while it is the only one). */
    private boolean firstIsList;

    public void error(String message) {
        errors.add(message);
    }

    /** Adds an error that Istio produces as a one-element multierror list. */
    public void errorInList(String message) {
        if (errors.isEmpty()) {
            firstIsList = true;
        }
        errors.add(message);
    }

    public void warn(String message) {
        warnings.add(message);
    }

    public void addAll(Findings other) {
        addErrors(other);
        warnings.addAll(other.warnings);
    }

    /** Adds only the errors of {@code other}; Istio drops the warnings in several nested places. */
    public void addErrors(Findings other) {
        if (errors.isEmpty() && !other.errors.isEmpty()) {
            firstIsList = other.firstIsList || other.errors.size() > 1;
        }
        errors.addAll(other.errors);
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * The aggregated error text as Go prints it: a lone plain error as is, otherwise the multierror
     * list {@code N errors occurred:\n\t* e1\n\t* e2\n\n}. Empty when there are no errors.
     */
    public String errorText() {
        if (errors.isEmpty()) {
            return "";
        }
        if (errors.size() == 1 && !firstIsList) {
            return errors.get(0);
        }
        return formatList(errors);
    }

    /** Go multierror list format, used where a list is embedded with {@code %v} into another message. */
    public static String formatList(List<String> items) {
        StringBuilder sb = new StringBuilder();
        sb.append(items.size()).append(items.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        for (String e : items) {
            sb.append("\t* ").append(e).append('\n');
        }
        return sb.append('\n').toString();
    }
}
