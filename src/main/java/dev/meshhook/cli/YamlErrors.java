package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns a YAML parse failure into one line that names the file line, not the line inside the document. */
final class YamlErrors {
    private YamlErrors() {}

    static String describe(JsonProcessingException e, YamlDocuments.Document doc) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark mark = m.getProblemMark();
            String problem = m.getProblem() == null ? "invalid YAML" : m.getProblem();
            String context = m.getContext() == null ? "" : " " + m.getContext()
                    + (m.getContextMark() == null || m.getContextMark().getIndex() == mark.getIndex() ? "" : " that starts at line " + (doc.line() + m.getContextMark().getLine())
                    + ", column " + (m.getContextMark().getColumn() + 1) + ",");
            return problem + context + " at line " + (doc.line() + mark.getLine()) + ", column " + (mark.getColumn() + 1);
        }
        String first = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().lines().findFirst().orElse("");
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return first + " at line " + (doc.line() + e.getLocation().getLineNr() - 1);
        }
        return first;
    }
}
