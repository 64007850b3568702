package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.STRUCT;
import static dev.meshhook.validate.ProtoType.UINT32;
import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.mapOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;

/**
 * EnvoyFilter (networking.istio.io/v1alpha3), validation-spec §2.2.5. Patch values are decoded into Envoy v3
 * messages by {@link EnvoyPatches}; what that cannot check is listed in docs/validation-envoyfilter.md.
 */
public final class EnvoyFilterValidator implements KindValidator {
    private static final String P = "istio.networking.v1alpha3.EnvoyFilter.";

    static final String INTERNALS_WARNING = "EnvoyFilter exposes internal implementation details that may change at any "
        + "time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.";

    private static final ProtoType SUB_FILTER = message(P + "ListenerMatch.SubFilterMatch").field("name", STRING);
    private static final ProtoType FILTER_MATCH = message(P + "ListenerMatch.FilterMatch")
        .field("name", STRING).field("subFilter", SUB_FILTER);
    private static final ProtoType MATCH = message(P + "EnvoyConfigObjectMatch")
        .field("context", enumOf(P + "PatchContext", "ANY", "SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY", "WAYPOINT"))
        .field("proxy", message(P + "ProxyMatch").field("proxyVersion", STRING).field("metadata", mapOf(STRING)))
        .field("listener", message(P + "ListenerMatch")
            .field("portNumber", UINT32).fields(STRING, "portName", "listenerFilter", "name")
            .field("filterChain", message(P + "ListenerMatch.FilterChainMatch")
                .fields(STRING, "name", "sni", "transportProtocol", "applicationProtocols")
                .field("filter", FILTER_MATCH).field("destinationPort", UINT32)))
        .field("routeConfiguration", message(P + "RouteConfigurationMatch")
            .field("portNumber", UINT32).fields(STRING, "portName", "gateway", "name")
            .field("vhost", message(P + "RouteConfigurationMatch.VirtualHostMatch").fields(STRING, "name", "domainName")
                .field("route", message(P + "RouteConfigurationMatch.RouteMatch").field("name", STRING)
                    .field("action", enumOf(P + "RouteConfigurationMatch.RouteMatch.Action",
                        "ANY", "ROUTE", "REDIRECT", "DIRECT_RESPONSE")))))
        .field("cluster", message(P + "ClusterMatch").field("portNumber", UINT32).fields(STRING, "service", "subset", "name"))
        .field("waypoint", message(P + "WaypointMatch")
            .field("filter", message(P + "WaypointMatch.FilterMatch").field("name", STRING)
                .field("subFilter", message(P + "WaypointMatch.SubFilterMatch").field("name", STRING)))
            .field("route", message(P + "WaypointMatch.RouteMatch").field("name", STRING))
            .field("portNumber", UINT32));

    static final ProtoType SPEC = message("istio.networking.v1alpha3.EnvoyFilter")
        .field("workloadSelector", NetworkingTypes.WORKLOAD_SELECTOR)
        .field("targetRefs", PolicyTargets.TARGET_REFS)
        .field("priority", INT32)
        .field("configPatches", listOf(message(P + "EnvoyConfigObjectPatch")
            .field("applyTo", enumOf(P + "ApplyTo", "INVALID", "LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER",
                "ROUTE_CONFIGURATION", "VIRTUAL_HOST", "HTTP_ROUTE", "CLUSTER", "EXTENSION_CONFIG", "BOOTSTRAP",
                "LISTENER_FILTER"))
            .field("match", MATCH)
            .field("patch", message(P + "Patch")
                .field("operation", enumOf(P + "Patch.Operation", "INVALID", "MERGE", "ADD", "REMOVE", "INSERT_BEFORE",
                    "INSERT_AFTER", "INSERT_FIRST", "REPLACE", "MERGE_AND_REPLACE_LIST"))
                .field("value", STRUCT)
                .field("filterClass", enumOf(P + "Patch.FilterClass", "UNSPECIFIED", "AUTHN", "AUTHZ", "STATS")))));

    /** Legacy Envoy filter names and their canonical replacements (Istio's ReverseDeprecatedFilterNames). */
    private static final Map<String, String> DEPRECATED_FILTER_NAMES = Map.ofEntries(
        Map.entry("envoy.buffer", "envoy.filters.http.buffer"),
        Map.entry("envoy.cors", "envoy.filters.http.cors"),
        Map.entry("envoy.csrf", "envoy.filters.http.csrf"),
        Map.entry("envoy.http_dynamo_filter", "envoy.filters.http.dynamo"),
        Map.entry("envoy.ext_authz", "envoy.filters.http.ext_authz"),
        Map.entry("envoy.fault", "envoy.filters.http.fault"),
        Map.entry("envoy.grpc_http1_bridge", "envoy.filters.http.grpc_http1_bridge"),
        Map.entry("envoy.grpc_json_transcoder", "envoy.filters.http.grpc_json_transcoder"),
        Map.entry("envoy.grpc_web", "envoy.filters.http.grpc_web"),
        Map.entry("envoy.gzip", "envoy.filters.http.gzip"),
        Map.entry("envoy.health_check", "envoy.filters.http.health_check"),
        Map.entry("envoy.ip_tagging", "envoy.filters.http.ip_tagging"),
        Map.entry("envoy.lua", "envoy.filters.http.lua"),
        Map.entry("envoy.rate_limit", "envoy.filters.http.ratelimit"),
        Map.entry("envoy.router", "envoy.filters.http.router"),
        Map.entry("envoy.squash", "envoy.filters.http.squash"),
        Map.entry("envoy.listener.http_inspector", "envoy.filters.listener.http_inspector"),
        Map.entry("envoy.listener.original_dst", "envoy.filters.listener.original_dst"),
        Map.entry("envoy.listener.original_src", "envoy.filters.listener.original_src"),
        Map.entry("envoy.listener.proxy_protocol", "envoy.filters.listener.proxy_protocol"),
        Map.entry("envoy.listener.tls_inspector", "envoy.filters.listener.tls_inspector"),
        Map.entry("envoy.client_ssl_auth", "envoy.filters.network.client_ssl_auth"),
        Map.entry("envoy.http_connection_manager", "envoy.filters.network.http_connection_manager"),
        Map.entry("envoy.mongo_proxy", "envoy.filters.network.mongo_proxy"),
        Map.entry("envoy.ratelimit", "envoy.filters.network.ratelimit"),
        Map.entry("envoy.redis_proxy", "envoy.filters.network.redis_proxy"),
        Map.entry("envoy.tcp_proxy", "envoy.filters.network.tcp_proxy"));

    private static final String HCM = "envoy.filters.network.http_connection_manager";

    /** Starts loading the Envoy message types in the background (see {@link EnvoyPatches#warmUpInBackground}). */
    public EnvoyFilterValidator() {
        EnvoyPatches.warmUpInBackground();
    }

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "EnvoyFilter";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        JsonNode selector = Json.get(spec, "workloadSelector");
        List<String> selectorErrors = Labels.alphaSelectorErrors(selector);
        if (!selectorErrors.isEmpty()) {
            selectorErrors.forEach(findings::error);
            return;
        }
        findings.warn(INTERNALS_WARNING);
        if (Labels.selectorLabelsEmpty(selector)) {
            findings.warn("Envoy filter: workload selector specified without labels, will be applied to all services in namespace");
        }
        for (JsonNode cp : Json.list(spec, "configPatches")) {
            validatePatch(cp, findings);
        }
    }

    private static void validatePatch(JsonNode cp, Findings findings) {
        JsonNode match = Json.get(cp, "match");
        if (Json.enumName(match, "context", "ANY").equals("WAYPOINT")) {
            return;
        }
        String applyTo = Json.enumName(cp, "applyTo", "INVALID");
        if (applyTo.equals("INVALID")) {
            findings.error("Envoy filter: missing applyTo");
            return;
        }
        JsonNode patch = Json.get(cp, "patch");
        if (patch == null) {
            findings.error("Envoy filter: missing patch");
            return;
        }
        String operation = Json.enumName(patch, "operation", "INVALID");
        if (operation.equals("INVALID")) {
            findings.error("Envoy filter: missing patch operation");
            return;
        }
        JsonNode value = Json.get(patch, "value");
        if (!operation.equals("REMOVE") && value == null) {
            findings.error("Envoy filter: missing patch value for non-remove operation");
            return;
        }
        String proxyVersion = Json.str(Json.get(match, "proxy"), "proxyVersion");
        if (proxyVersion.length() > 1024) {
            findings.warn("Envoy filter: proxyVersion match exceeds 1024 characters and will be ignored");
        } else if (!proxyVersion.isEmpty()) {
            try {
                Pattern.compile(proxyVersion);
            } catch (PatternSyntaxException e) {
                findings.error("Envoy filter: invalid regex for proxy version, [" + e.getMessage() + "]");
                return;
            }
        }
        boolean hasObjectType = match != null && (Json.has(match, "listener") || Json.has(match, "routeConfiguration")
            || Json.has(match, "cluster") || Json.has(match, "waypoint"));
        switch (applyTo) {
            case "LISTENER":
            case "FILTER_CHAIN":
            case "NETWORK_FILTER":
            case "HTTP_FILTER":
                if (hasObjectType && !checkListenerMatch(applyTo, Json.get(match, "listener"), findings)) {
                    return;
                }
                break;
            case "ROUTE_CONFIGURATION":
            case "VIRTUAL_HOST":
            case "HTTP_ROUTE":
                if (hasObjectType && !Json.has(match, "routeConfiguration")) {
                    findings.error("Envoy filter: applyTo for http route class objects cannot have non route configuration match");
                }
                break;
            case "CLUSTER":
                if (hasObjectType && !Json.has(match, "cluster")) {
                    findings.error("Envoy filter: applyTo for cluster class objects cannot have non cluster match");
                }
                break;
            default:
                break;
        }
        if (value != null) {
            EnvoyPatches.Outcome outcome = EnvoyPatches.decode(applyTo, value);
            if (outcome.error() != null) {
                findings.error(outcome.error());
            }
            outcome.warnings().forEach(findings::warn);
        }
    }

    /** Listener-class match rules; returns false when the patch's remaining checks are skipped. */
    private static boolean checkListenerMatch(String applyTo, JsonNode listener, Findings findings) {
        if (listener == null) {
            findings.error("Envoy filter: applyTo for listener class objects cannot have non listener match");
            return false;
        }
        JsonNode filter = Json.get(Json.get(listener, "filterChain"), "filter");
        if (filter == null) {
            return true;
        }
        if (applyTo.equals("LISTENER") || applyTo.equals("FILTER_CHAIN")) {
            findings.warn("Envoy filter: filter match has no effect when used with " + applyTo);
        }
        String name = Json.str(filter, "name");
        JsonNode subFilter = Json.get(filter, "subFilter");
        if (name.isEmpty()) {
            findings.error("Envoy filter: filter match has no name to match on");
            return false;
        }
        if (subFilter != null) {
            if (!applyTo.equals("HTTP_FILTER")) {
                findings.error("Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only");
                return false;
            }
            if (!name.equals(HCM) && !name.equals("envoy.http_connection_manager")) {
                findings.error("Envoy filter: subfilter match requires filter match with " + HCM);
                return false;
            }
            if (Json.str(subFilter, "name").isEmpty()) {
                findings.error("Envoy filter: subfilter match has no name to match on");
                return false;
            }
        }
        deprecatedNameWarning(name, findings);
        deprecatedNameWarning(Json.str(subFilter, "name"), findings);
        return true;
    }

    private static void deprecatedNameWarning(String name, Findings findings) {
        String canonical = DEPRECATED_FILTER_NAMES.get(name);
        if (canonical != null) {
            findings.warn("using deprecated filter name " + GoFormat.quote(name) + "; use " + GoFormat.quote(canonical) + " instead");
        }
    }
}
