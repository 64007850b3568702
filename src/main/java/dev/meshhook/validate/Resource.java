package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One decoded Istio resource as the validators see it.
 *
 * @param spec the {@code spec} object (a missing spec is an empty object)
 */
public record Resource(String group, String version, String kind, String name, String namespace,
                       JsonNode metadata, JsonNode spec) {}
