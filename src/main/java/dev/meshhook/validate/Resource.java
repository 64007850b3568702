package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One decoded Istio resource as the validators see it.
 *
 * @param metadata the object's {@code metadata} (never null; may be an empty object)
 * @param spec the {@code spec} after Istio-style decoding (§1.6, see {@link SpecDecoder}): camelCase
 *     keys only, unknown fields and nulls dropped, empty lists removed, integers as numbers, enums as
 *     names, durations as nanoseconds. A missing spec is an empty object. Parts already in that form are
 *     shared with the request's object rather than copied: validators read the tree, never modify it.
 */
public record Resource(String group, String version, String kind, String name, String namespace,
                       JsonNode metadata, JsonNode spec) {

    /** The annotation value, or null when absent. */
    public String annotation(String key) {
        JsonNode v = metadata.path("annotations").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The label value, or null when absent. */
    public String label(String key) {
        JsonNode v = metadata.path("labels").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public boolean hasAnnotation(String key) {
        return metadata.path("annotations").has(key);
    }
}
