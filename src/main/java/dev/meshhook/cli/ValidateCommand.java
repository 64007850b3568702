package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.validate.ConfigValidator;
import dev.meshhook.validate.ValidationOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code meshhook validate}: the validation webhook's own decision, offline, for every Istio resource in the
 * input. Exit 0 when everything is valid, 1 when something is invalid, 2 when the input is unusable.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate Istio resources offline with the webhook's own rules.",
                "Prints each error and warning with file:line, kind and namespace/name. Exit status: 0 valid,"
                        + " 1 invalid, 2 unusable input. Non-Istio documents are skipped and counted."})
public final class ValidateCommand implements Callable<Integer> {
    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNUSABLE = 2;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "File, directory (its .yaml/.yml/.json files, recursively) or - for standard input. Repeatable.")
    List<String> files;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and warnings, no summary line.")
    boolean quiet;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final ConfigValidator validator;

    public ValidateCommand() {
        this(System.in, System.out, System.err, new ConfigValidator());
    }

    ValidateCommand(InputStream in, PrintStream out, PrintStream err, ConfigValidator validator) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.validator = validator;
    }

    @Override
    public Integer call() {
        List<InputFiles.Input> inputs;
        try {
            inputs = InputFiles.read(files, in, true);
        } catch (InputFiles.UnusableInput e) {
            err.println("meshhook validate: " + e.getMessage());
            return UNUSABLE;
        }
        List<String> lines = new ArrayList<>();
        int checked = 0;
        int invalid = 0;
        int warned = 0;
        int skipped = 0;
        for (InputFiles.Input input : inputs) {
            List<YamlDocuments.Document> docs;
            try {
                docs = YamlDocuments.split(input.text());
            } catch (IllegalArgumentException e) {
                err.println("meshhook validate: " + input.name() + ": " + e.getMessage());
                return UNUSABLE;
            }
            int index = 0;
            for (YamlDocuments.Document doc : docs) {
                index++;
                String where = input.name() + ":" + doc.line();
                JsonNode object;
                try {
                    object = YAML.readTree(doc.text());
                } catch (JsonProcessingException e) {
                    err.println("meshhook validate: " + input.name() + ": document " + index
                            + " is not valid YAML: " + YamlErrors.describe(e, doc));
                    return UNUSABLE;
                }
                if (object == null || object.isNull() || object.isMissingNode()) {
                    continue; // empty or comment-only document
                }
                if (!object.isObject() || object.path("kind").asText("").isEmpty()) {
                    err.println("meshhook validate: " + where + ": document " + index
                            + " has no kind (expected a Kubernetes object with apiVersion and kind)");
                    return UNUSABLE;
                }
                List<JsonNode> objects = new ArrayList<>();
                if ("List".equals(object.path("kind").asText())) {
                    object.path("items").forEach(objects::add);
                } else {
                    objects.add(object);
                }
                for (JsonNode o : objects) {
                    String apiVersion = o.path("apiVersion").asText("");
                    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                    String kind = o.path("kind").asText("");
                    if (!validator.recognises(group, kind) && !group.endsWith("istio.io")) {
                        skipped++;
                        continue;
                    }
                    checked++;
                    ValidationOutcome outcome = validator.validate(o);
                    String subject = where + ": " + kind + " " + namespacedName(o) + ": ";
                    if (!outcome.allowed()) {
                        invalid++;
                        lines.add(subject + "error: " + outcome.message());
                    }
                    if (!outcome.warnings().isEmpty()) {
                        warned++;
                    }
                    for (String w : outcome.warnings()) {
                        lines.add(subject + "warning: " + w);
                    }
                }
            }
        }
        lines.forEach(out::println);
        if (!quiet) {
            out.printf("%d Istio resource%s checked: %d invalid, %d with warnings; %d other document%s skipped%n",
                    checked, checked == 1 ? "" : "s", invalid, warned, skipped, skipped == 1 ? "" : "s");
        }
        return invalid > 0 ? INVALID : VALID;
    }

    private static String namespacedName(JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText("");
        String name = o.path("metadata").path("name").asText("");
        return ns.isEmpty() ? name : ns + "/" + name;
    }
}
