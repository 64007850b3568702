package dev.meshhook.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-document YAML stream the way Kubernetes' YAML reader does (kube-inject, inject-spec h.1):
 * a line starting with {@code ---} ends a document; after the dashes only spaces or a {@code #} comment may
 * follow; empty documents are dropped; each document keeps its own bytes, newlines included.
 */
public final class YamlDocuments {

    /** One document's raw text and the 1-based line it starts on (for error messages). */
    public record Document(String text, int line) {}

    private YamlDocuments() {}

    public static List<Document> split(String stream) {
        List<Document> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        int lineNo = 0;
        int pos = 0;
        while (pos < stream.length()) {
            int nl = stream.indexOf('\n', pos);
            int end = nl < 0 ? stream.length() : nl + 1;
            String line = stream.substring(pos, end);
            pos = end;
            lineNo++;
            if (line.startsWith("---")) {
                String rest = line.substring(3).strip();
                if (!rest.isEmpty() && rest.charAt(0) != '#') {
                    throw new IllegalArgumentException("invalid Yaml document separator: " + rest + " (line " + lineNo + ")");
                }
                if (current.length() > 0) {
                    docs.add(new Document(current.toString(), start));
                }
                current.setLength(0);
                start = lineNo + 1;
                continue;
            }
            current.append(line);
        }
        if (current.length() > 0) {
            docs.add(new Document(current.toString(), start));
        }
        return docs;
    }
}
