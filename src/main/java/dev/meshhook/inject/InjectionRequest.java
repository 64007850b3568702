package dev.meshhook.inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of an AdmissionRequest the injector reads (inject-spec a.4, a.5).
 *
 * @param pod       {@code request.object}, a core/v1 Pod as JSON (not yet normalised)
 * @param namespace {@code request.namespace}, may be empty
 * @param path      the URL path the review came in on, for path-encoded env overrides (a.5)
 */
public record InjectionRequest(ObjectNode pod, String namespace, String path) {}
