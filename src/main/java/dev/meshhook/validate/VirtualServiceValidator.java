package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** VirtualService (§2.2.1). */
public final class VirtualServiceValidator implements KindValidator {

    static final String ROUTE_SEMANTICS_ANNOTATION = "internal.istio.io/route-semantics";
    private static final int KB = 1024;
    private static final int MB = 1024 * 1024;

    private static final Set<String> CORS_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");
    private static final Set<String> GRPC_STATUSES = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "UNAUTHENTICATED");
    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "VirtualService";
    }

    @Override
    public ProtoType specType() {
        return NetworkingTypes.VIRTUAL_SERVICE;
    }

    @Override
    public void validate(Resource r, Findings f) {
        JsonNode spec = r.spec();
        boolean gwSemantics = "gateway".equals(r.annotation(ROUTE_SEMANTICS_ANNOTATION));
        List<String> hosts = Json.strings(spec, "hosts");
        List<String> gateways = Json.strings(spec, "gateways");
        List<JsonNode> http = Json.list(spec, "http");
        List<JsonNode> tls = Json.list(spec, "tls");
        List<JsonNode> tcp = Json.list(spec, "tcp");
        boolean delegate = hosts.isEmpty();
        if (delegate) {
            if (!gateways.isEmpty()) {
                f.error("delegate virtual service must have no gateways specified");
            }
            if (!tls.isEmpty()) {
                f.error("delegate virtual service must have no tls route specified");
            }
            if (!tcp.isEmpty()) {
                f.error("delegate virtual service must have no tcp route specified");
            }
        }
        // Istio: a VS applies to gateways only when its list is non-empty and lacks "mesh"; any
        // "mesh" entry makes it a mesh VS for host checks, even with other gateways listed.
        boolean appliesToMesh = true;
        boolean appliesToGateway = false;
        if (!gateways.isEmpty()) {
            Hosts.gatewayNames(gateways, gwSemantics, f);
            appliesToGateway = !gateways.contains("mesh");
            appliesToMesh = !appliesToGateway;
        }
        if (!appliesToGateway) {
            for (JsonNode route : http) {
                for (JsonNode m : Json.list(route, "match")) {
                    jwtClaimKeys(Json.get(m, "headers"), gateways, f);
                    jwtClaimKeys(Json.get(m, "withoutHeaders"), gateways, f);
                }
            }
        }
        boolean sni = false;
        for (JsonNode t : tls) {
            for (JsonNode m : Json.list(t, "match")) {
                sni |= Json.size(m, "sniHosts") > 0;
            }
        }
        boolean allHostsValid = true;
        for (String h : hosts) {
            String e = appliesToGateway ? Hosts.gatewayBoundDomain(sni, h) : Hosts.wildcardDomain(h);
            if (e != null && !Addresses.isIp(h)) {
                f.error(e);
                allHostsValid = false;
            } else if (e == null && appliesToMesh && h.equals("*")) {
                f.error("wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allHostsValid = false;
            }
        }
        if (allHostsValid) {
            for (int i = 0; i < hosts.size(); i++) {
                for (int j = i + 1; j < hosts.size(); j++) {
                    if (hostMatches(hosts.get(i), hosts.get(j))) {
                        f.error("duplicate hosts in virtual service: " + hosts.get(i) + " & " + hosts.get(j));
                    }
                }
            }
        }
        if (http.isEmpty() && tcp.isEmpty() && tls.isEmpty()) {
            f.error("http, tcp or tls must be provided in virtual service");
        }
        for (JsonNode route : http) {
            httpRoute(route, delegate, gwSemantics, f);
        }
        boolean isGatewayVs = !gateways.contains("mesh");
        for (JsonNode t : tls) {
            tlsRoute(t, hosts, isGatewayVs, gwSemantics, f);
        }
        for (JsonNode t : tcp) {
            tcpRoute(t, gwSemantics, f);
        }
        ExportTo.validate(r.namespace(), Json.strings(spec, "exportTo"), false, false, f);
        Unreachable.http(http, f);
        Unreachable.l4(tcp, f);
        Unreachable.l4(tls, f);
    }

    private static void jwtClaimKeys(JsonNode headers, List<String> gateways, Findings f) {
        if (headers == null) {
            return;
        }
        Iterator<String> it = headers.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            if (Headers.isJwtClaimRoute(key)) {
                f.error("JWT claim based routing (key: " + key + ") is only supported for gateway, found no gateways: ["
                        + String.join(" ", gateways) + "]");
            }
        }
    }

    /** {@code host.Name.Matches}: wildcard-aware overlap. */
    static boolean hostMatches(String n, String o) {
        boolean nw = n.startsWith("*");
        boolean ow = o.startsWith("*");
        if (nw) {
            if (ow) {
                return n.length() < o.length() ? o.substring(1).endsWith(n.substring(1)) : n.substring(1).endsWith(o.substring(1));
            }
            return o.endsWith(n.substring(1));
        }
        if (ow) {
            return n.endsWith(o.substring(1));
        }
        return n.equals(o);
    }

    /** {@code host.Name.SubsetOf}. */
    static boolean hostSubsetOf(String n, String o) {
        if (o.startsWith("*")) {
            if (n.startsWith("*")) {
                return n.substring(1).endsWith(o.substring(1));
            }
            return n.endsWith(o.substring(1));
        }
        if (n.startsWith("*")) {
            return false;
        }
        return n.equals(o);
    }

    // ---- HTTP routes --------------------------------------------------------------------------

    private static void httpRoute(JsonNode h, boolean delegate, boolean gwSemantics, Findings f) {
        if (delegate && Json.has(h, "delegate")) {
            f.error("delegate HTTP route cannot contain delegate");
        }
        routeConflicts(h, f);
        matchRequests(h, f);
        headerOperations(Json.get(h, "headers"), f);
        cors(Json.get(h, "corsPolicy"), f);
        fault(Json.get(h, "fault"), f);
        if (Json.has(h, "mirrorPercent")) {
            long v = Json.lng(h, "mirrorPercent");
            if (v > 100) {
                f.error("mirror_percent must have a max value of 100 (it has " + v + ")");
            }
            f.warn("using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        }
        JsonNode mp = Json.get(h, "mirrorPercentage");
        if (mp != null) {
            double v = Json.dbl(mp, "value");
            if (v > 100) {
                f.error("mirror_percentage must have a max value of 100 (it has " + GoFormat.floatF(v) + ")");
            }
            if (v < 0) {
                f.error("mirror_percentage must have a min value of 0 (it has " + GoFormat.floatF(v) + ")");
            }
        }
        Destinations.validate(Json.get(h, "mirror"), f);
        for (JsonNode m : Json.list(h, "mirrors")) {
            JsonNode d = Json.get(m, "destination");
            if (d == null) {
                f.error("destination is required for mirrors");
                continue;
            }
            Destinations.validate(d, f);
            JsonNode pct = Json.get(m, "percentage");
            if (pct != null) {
                double v = Json.dbl(pct, "value");
                if (v > 100) {
                    f.error("mirror percentage must have a max value of 100 (it has " + GoFormat.floatF(v) + ")");
                }
                if (v < 0) {
                    f.error("mirror percentage must have a min value of 0 (it has " + GoFormat.floatF(v) + ")");
                }
            }
        }
        String re = redirectError(Json.get(h, "redirect"), h);
        if (re != null) {
            f.error(re);
        }
        directResponse(Json.get(h, "directResponse"), f);
        retries(Json.get(h, "retries"), f);
        String rw = rewriteError(Json.get(h, "rewrite"));
        if (rw != null) {
            f.error(rw);
        }
        String ae = authorityRewriteError(Json.get(h, "rewrite"), Json.get(h, "headers"));
        if (ae != null) {
            f.error(ae);
        }
        httpRouteDestinations(Json.list(h, "route"), gwSemantics, f);
        if (Json.has(h, "timeout")) {
            Durations.validate(Json.lng(h, "timeout")).ifPresent(f::error);
        }
    }

    private static void routeConflicts(JsonNode h, Findings f) {
        boolean hasRoute = Json.size(h, "route") > 0;
        if (Json.has(h, "delegate")) {
            String name = Json.str(h, "name");
            if (Json.has(h, "redirect")) {
                f.error("root HTTP route " + name + " must not specify redirect");
            }
            if (hasRoute) {
                f.error("root HTTP route " + name + " must not specify route");
            }
            return;
        }
        if (Json.has(h, "redirect")) {
            if (hasRoute) {
                f.error("HTTP route cannot contain both route and redirect");
            }
            if (Json.has(h, "fault")) {
                f.error("HTTP route cannot contain both fault and redirect");
            }
            if (Json.has(h, "rewrite")) {
                f.error("HTTP route rule cannot contain both rewrite and redirect");
            }
            if (Json.has(h, "directResponse")) {
                f.error("HTTP route rule cannot contain both direct_response and redirect");
            }
        } else if (Json.has(h, "directResponse")) {
            if (hasRoute) {
                f.error("HTTP route cannot contain both route and direct_response");
            }
            if (Json.has(h, "fault")) {
                f.error("HTTP route cannot contain both fault and direct_response");
            }
            if (Json.has(h, "rewrite")) {
                f.error("HTTP route rule cannot contain both rewrite and direct_response");
            }
        } else if (!hasRoute) {
            f.error("HTTP route, redirect or direct_response is required");
        }
        if (Json.has(h, "mirror") && Json.size(h, "mirrors") > 0) {
            f.error("HTTP route cannot contain both mirror and mirrors");
        }
    }

    private static void matchRequests(JsonNode h, Findings f) {
        List<JsonNode> matches = Json.list(h, "match");
        for (JsonNode m : matches) {
            forEachEntry(Json.get(m, "headers"), (name, sm) -> {
                addIfError(Headers.matchHeaderName(name), f);
                StringMatches.check(sm, "headers", false, f);
            });
            forEachEntry(Json.get(m, "withoutHeaders"), (name, sm) -> {
                addIfError(Headers.matchHeaderName(name), f);
                if (!"*".equals(Json.str(sm, "regex")) || !Json.has(sm, "regex")) {
                    StringMatches.check(sm, "withoutHeaders", false, f);
                }
            });
            StringMatches.check(Json.get(m, "uri"), "uri", true, f);
            StringMatches.check(Json.get(m, "scheme"), "scheme", false, f);
            StringMatches.check(Json.get(m, "method"), "method", false, f);
            StringMatches.check(Json.get(m, "authority"), "authority", false, f);
            forEachEntry(Json.get(m, "queryParams"), (name, sm) -> StringMatches.check(sm, "queryParams", false, f));
        }
        for (JsonNode m : matches) {
            long port = Json.lng(m, "port");
            if (port != 0) {
                Numbers.port(port).ifPresent(f::error);
            }
            for (String e : Labels.validateLabelMap(Json.get(m, "sourceLabels"))) {
                f.errorInList(e);
            }
            gatewayNamesErrorsOnly(Json.strings(m, "gateways"), f);
            String sn = Json.str(m, "sourceNamespace");
            if (!sn.isEmpty() && !Hosts.isDnsLabel(sn)) {
                f.error("sourceNamespace match " + sn + " is invalid");
            }
        }
    }

    /** Match-level gateway references: Istio keeps the errors and drops the warnings. */
    private static void gatewayNamesErrorsOnly(List<String> gateways, Findings f) {
        if (gateways.isEmpty()) {
            return;
        }
        Findings inner = new Findings();
        Hosts.gatewayNames(gateways, false, inner);
        f.addErrors(inner);
    }

    private interface EntryConsumer {
        void accept(String key, JsonNode value);
    }

    private static void forEachEntry(JsonNode map, EntryConsumer c) {
        if (map == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            c.accept(e.getKey(), e.getValue());
        }
    }

    private static void headerOperations(JsonNode headers, Findings f) {
        if (headers == null) {
            return;
        }
        JsonNode req = Json.get(headers, "request");
        forEachEntry(Json.get(req, "add"), (n, v) -> {
            addIfError(Headers.requestAddSetName(n), f);
            addIfError(Headers.headerValue(v.asText()), f);
        });
        forEachEntry(Json.get(req, "set"), (n, v) -> {
            addIfError(Headers.requestAddSetName(n), f);
            addIfError(Headers.headerValue(v.asText()), f);
        });
        for (String n : Json.strings(req, "remove")) {
            addIfError(Headers.strictHostHeaderName(n), f);
        }
        JsonNode resp = Json.get(headers, "response");
        forEachEntry(Json.get(resp, "add"), (n, v) -> {
            addIfError(Headers.strictHostHeaderName(n), f);
            addIfError(Headers.headerValue(v.asText()), f);
        });
        forEachEntry(Json.get(resp, "set"), (n, v) -> {
            addIfError(Headers.strictHostHeaderName(n), f);
            addIfError(Headers.headerValue(v.asText()), f);
        });
        for (String n : Json.strings(resp, "remove")) {
            addIfError(Headers.strictHostHeaderName(n), f);
        }
    }

    private static void cors(JsonNode c, Findings f) {
        if (c == null) {
            return;
        }
        for (JsonNode o : Json.list(c, "allowOrigins")) {
            String match = Json.has(o, "exact") ? Json.str(o, "exact")
                    : Json.has(o, "prefix") ? Json.str(o, "prefix") : Json.str(o, "regex");
            if (match.isEmpty()) {
                f.error("'" + match + "' is not a valid match type for CORS allow origins");
                continue;
            }
            if (Json.has(o, "regex") && !Json.has(o, "exact") && !Json.has(o, "prefix")) {
                addIfError(StringMatches.regexError(match, "corsPolicy.allowOrigins"), f);
            }
        }
        for (String m : Json.strings(c, "allowMethods")) {
            if (!CORS_METHODS.contains(m)) {
                f.error(GoFormat.quote(m) + " is not a supported HTTP method");
            }
        }
        for (String hn : Json.strings(c, "allowHeaders")) {
            addIfError(Headers.corsHeaderName(hn), f);
        }
        for (String hn : Json.strings(c, "exposeHeaders")) {
            addIfError(Headers.corsHeaderName(hn), f);
        }
        if (Json.has(c, "maxAge")) {
            long nanos = Json.lng(c, "maxAge");
            Durations.validate(nanos).ifPresent(f::error);
            if (nanos % 1_000_000_000L > 0) {
                f.errorInList("max_age duration is accurate only to seconds precision");
            }
        }
    }

    private static void fault(JsonNode fault, Findings f) {
        if (fault == null) {
            return;
        }
        JsonNode abort = Json.get(fault, "abort");
        JsonNode delay = Json.get(fault, "delay");
        if (abort == null && delay == null) {
            f.errorInList("HTTP fault injection must have an abort and/or a delay");
        }
        if (abort != null) {
            percentage(Json.get(abort, "percentage"), f);
            if (Json.has(abort, "grpcStatus")) {
                String s = Json.str(abort, "grpcStatus");
                if (!GRPC_STATUSES.contains(s)) {
                    f.error("gRPC status " + GoFormat.quote(s) + " is not supported. See "
                            + "https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, "
                            + "for example 'NOT_FOUND'");
                }
            } else if (Json.has(abort, "http2Error")) {
                f.error("HTTP/2 abort fault injection not supported yet");
            } else if (Json.has(abort, "httpStatus")) {
                Numbers.httpStatus(Json.lng(abort, "httpStatus")).ifPresent(f::error);
            }
        }
        if (delay != null) {
            percentage(Json.get(delay, "percentage"), f);
            if (Json.has(delay, "fixedDelay")) {
                Durations.validate(Json.lng(delay, "fixedDelay")).ifPresent(f::error);
            } else if (Json.has(delay, "exponentialDelay")) {
                Durations.validate(Json.lng(delay, "exponentialDelay")).ifPresent(f::error);
                f.errorInList("exponentialDelay not supported yet");
            }
        }
    }

    private static void percentage(JsonNode pct, Findings f) {
        if (pct != null) {
            Numbers.fractionalPercent(Json.dbl(pct, "value")).ifPresent(f::error);
        }
    }

    private static String redirectError(JsonNode r, JsonNode route) {
        if (r == null) {
            return null;
        }
        String uri = Json.str(r, "uri");
        String prefixRewrite = Json.str(r, "prefixRewrite");
        if (!uri.isEmpty() && !prefixRewrite.isEmpty()) {
            return "redirect may only specify one of uri or prefix_rewrite";
        }
        if (!prefixRewrite.isEmpty()) {
            for (JsonNode m : Json.list(route, "match")) {
                JsonNode u = Json.get(m, "uri");
                if (u != null && !Json.has(u, "prefix") && (Json.has(u, "exact") || Json.has(u, "regex"))) {
                    return "redirect prefix_rewrite requires all URI matches to use prefix match type";
                }
            }
        }
        boolean port = Json.has(r, "port") || Json.has(r, "derivePort");
        if (uri.isEmpty() && prefixRewrite.isEmpty() && Json.str(r, "authority").isEmpty() && !port
                && Json.str(r, "scheme").isEmpty()) {
            return "redirect must specify URI, authority, scheme, or port";
        }
        long code = Json.lng(r, "redirectCode");
        if (code != 0 && (code < 300 || code > 399)) {
            return code + " is not a valid redirect code, must be 3xx";
        }
        String scheme = Json.str(r, "scheme");
        if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
            return "invalid redirect scheme, must be \"http\" or \"https\"";
        }
        long p = Json.lng(r, "port");
        if (p > 0) {
            return Numbers.port(p).orElse(null);
        }
        return null;
    }

    private static void directResponse(JsonNode d, Findings f) {
        if (d == null) {
            return;
        }
        JsonNode body = Json.get(d, "body");
        if (body != null) {
            long size = 0;
            if (Json.has(body, "string")) {
                size = Json.str(body, "string").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            } else if (Json.has(body, "bytes")) {
                byte[] b = SpecDecoder.decodeBase64(Json.str(body, "bytes"));
                size = b == null ? 0 : b.length;
            }
            if (size > MB) {
                f.error("large direct_responses may impact control plane performance, must be less than 1MB");
            } else if (size > 100 * KB) {
                f.warn("large direct_responses may impact control plane performance");
            }
        }
        Numbers.httpStatus(Json.lng(d, "status")).ifPresent(f::error);
    }

    private static void retries(JsonNode r, Findings f) {
        if (r == null) {
            return;
        }
        long attempts = Json.lng(r, "attempts");
        if (attempts < 0) {
            f.errorInList("attempts cannot be negative");
        }
        String retryOn = Json.str(r, "retryOn");
        if (attempts == 0 && (Json.has(r, "perTryTimeout") || !retryOn.isEmpty() || Json.has(r, "retryRemoteLocalities"))) {
            f.error("http retry policy configured when attempts are set to 0 (disabled)");
        }
        if (Json.has(r, "perTryTimeout")) {
            Durations.validate(Json.lng(r, "perTryTimeout")).ifPresent(f::error);
        }
        if (!retryOn.isEmpty()) {
            // Go strings.Split(retryOn, ","): every comma separates, empty parts included
            int start = 0;
            while (true) {
                int comma = retryOn.indexOf(',', start);
                String policy = retryOn.substring(start, comma < 0 ? retryOn.length() : comma);
                if (!isHttpStatusText(policy) && !RETRY_ON.contains(policy)) {
                    f.error(GoFormat.quote(policy) + " is not a valid retryOn policy");
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        if (Json.has(r, "backoff")) {
            Durations.validate(Json.lng(r, "backoff")).ifPresent(f::error);
        }
    }

    /** Go {@code http.StatusText(strconv.Atoi(s)) != ""}. */
    static boolean isHttpStatusText(String s) {
        if (!Hosts.isGoAtoi(s)) {
            return false;
        }
        long c = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        return (c >= 100 && c <= 103) || (c >= 200 && c <= 208) || c == 226 || (c >= 300 && c <= 305) || c == 307
                || c == 308 || (c >= 400 && c <= 418) || (c >= 421 && c <= 426) || c == 428 || c == 429 || c == 431
                || c == 451 || (c >= 500 && c <= 508) || c == 510 || c == 511;
    }

    private static String rewriteError(JsonNode rw) {
        if (rw == null) {
            return null;
        }
        String uri = Json.str(rw, "uri");
        JsonNode regexRewrite = Json.get(rw, "uriRegexRewrite");
        if (!uri.isEmpty() && regexRewrite != null) {
            return "rewrite may only contain one of URI or UriRegexRewrite";
        }
        if (uri.isEmpty() && regexRewrite == null && Json.str(rw, "authority").isEmpty()) {
            return "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified";
        }
        if (regexRewrite != null) {
            String match = Json.str(regexRewrite, "match");
            if (match.isEmpty() || Json.str(regexRewrite, "rewrite").isEmpty()) {
                return "UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified";
            }
            String e = StringMatches.regexError(match, "HTTPRewrite.UriRegexRewrite.Match");
            if (e != null) {
                return "UriRegexRewrite has errors\n" + e;
            }
        }
        return null;
    }

    private static final String[] AUTHORITY_SETTING_OPS = {"set", "add"};

    private static String authorityRewriteError(JsonNode rewrite, JsonNode headers) {
        JsonNode req = Json.get(headers, "request");
        if (req == null) {
            return null;
        }
        String[] current = {Json.str(rewrite, "authority")};
        for (String op : AUTHORITY_SETTING_OPS) {
            JsonNode m = Json.get(req, op);
            if (m == null) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> it = m.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase(":authority")) {
                    continue;
                }
                String v = e.getValue().asText();
                if (!current[0].isEmpty()) {
                    return "authority header cannot be set multiple times: have " + GoFormat.quote(current[0])
                            + ", attempting to set " + GoFormat.quote(v);
                }
                current[0] = v;
            }
        }
        return null;
    }

    private static void httpRouteDestinations(List<JsonNode> routes, boolean gwSemantics, Findings f) {
        long total = 0;
        for (JsonNode rd : routes) {
            JsonNode d = Json.get(rd, "destination");
            if (d == null) {
                f.errorInList("destination is required");
            }
            headerOperations(Json.get(rd, "headers"), f);
            if (!gwSemantics) {
                Destinations.validate(d, f);
            }
            long w = Json.lng(rd, "weight");
            Numbers.weight(w).ifPresent(f::error);
            total += w;
        }
        if (routes.size() > 1 && total == 0) {
            f.error("total destination weight = 0");
        }
    }

    private static void routeDestinations(List<JsonNode> routes, boolean gwSemantics, Findings f) {
        long total = 0;
        for (JsonNode rd : routes) {
            JsonNode d = Json.get(rd, "destination");
            if (d == null) {
                f.errorInList("destination is required");
            }
            if (!gwSemantics) {
                Destinations.validate(d, f);
            }
            long w = Json.lng(rd, "weight");
            Numbers.weight(w).ifPresent(f::error);
            total += w;
        }
        if (routes.size() > 1 && total == 0) {
            f.error("total destination weight = 0");
        }
    }

    // ---- TLS and TCP routes -------------------------------------------------------------------

    private static void tlsRoute(JsonNode t, List<String> hosts, boolean isGatewayVs, boolean gwSemantics, Findings f) {
        List<JsonNode> matches = Json.list(t, "match");
        if (matches.isEmpty()) {
            f.error("TLS route must have at least one match condition");
        }
        for (JsonNode m : matches) {
            List<String> snis = Json.strings(m, "sniHosts");
            if (snis.isEmpty()) {
                f.error("TLS match must have at least one SNI host");
            } else {
                for (String sni : snis) {
                    sniHost(sni, hosts, isGatewayVs, f);
                }
            }
            l4MatchCommon(m, f, true);
        }
        List<JsonNode> route = Json.list(t, "route");
        if (route.isEmpty()) {
            f.error("TLS route is required");
        }
        routeDestinations(route, gwSemantics, f);
    }

    private static void sniHost(String sni, List<String> hosts, boolean isGatewayVs, Findings f) {
        String e = isGatewayVs ? Hosts.gatewayBoundDomain(true, sni) : Hosts.wildcardDomain(sni);
        if (e != null) {
            if (Addresses.isIp(sni)) {
                f.warn("using an IP address (" + GoFormat.quote(sni) + ") goes against SNI spec and most clients do not support this");
                return;
            }
            f.error(e);
            return;
        }
        for (String h : hosts) {
            if (hostSubsetOf(sni, h)) {
                return;
            }
        }
        f.error("SNI host " + GoFormat.quote(sni) + " is not a compatible subset of any of the virtual service hosts: ["
                + String.join(", ", hosts) + "]");
    }

    private static void l4MatchCommon(JsonNode m, Findings f, boolean keepGatewayWarnings) {
        for (String s : Json.strings(m, "destinationSubnets")) {
            addIfError(Addresses.ipSubnet(s), f);
        }
        long port = Json.lng(m, "port");
        if (port != 0) {
            Numbers.port(port).ifPresent(f::error);
        }
        for (String e : Labels.validateLabelMap(Json.get(m, "sourceLabels"))) {
            f.errorInList(e);
        }
        List<String> gws = Json.strings(m, "gateways");
        if (keepGatewayWarnings) {
            Hosts.gatewayNames(gws, false, f);
        } else {
            gatewayNamesErrorsOnly(gws, f);
        }
    }

    private static void tcpRoute(JsonNode t, boolean gwSemantics, Findings f) {
        for (JsonNode m : Json.list(t, "match")) {
            l4MatchCommon(m, f, false);
        }
        List<JsonNode> route = Json.list(t, "route");
        if (route.isEmpty()) {
            f.error("TCP route is required");
        }
        routeDestinations(route, gwSemantics, f);
    }

    private static void addIfError(String e, Findings f) {
        if (e != null) {
            f.error(e);
        }
    }

    // ---- unreachable-rule analysis (warnings) -------------------------------------------------

    static final class Unreachable {
        private Unreachable() {}

        private static String routeName(JsonNode route, int i) {
            String n = Json.str(route, "name");
            return n.isEmpty() ? "#" + i : GoFormat.quote(n);
        }

        private static String matchName(JsonNode m, int i) {
            String n = Json.str(m, "name");
            return n.isEmpty() ? "#" + i : GoFormat.quote(n);
        }

        /**
         * A match as a map key, equal to another exactly when the two objects without their top-level
         * {@code name} are equal as JSON trees (what comparing copies without the name would give), without copying.
         * The hash is computed once.
         */
        private static final class MatchKey {
            private final JsonNode match;
            private final int hash;

            MatchKey(JsonNode match) {
                this.match = match;
                int h = 0;
                Iterator<Map.Entry<String, JsonNode>> it = match.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("name")) {
                        // the same per-entry hash as the tree's own map, so the spread is as good
                        h += e.getKey().hashCode() ^ e.getValue().hashCode();
                    }
                }
                this.hash = h;
            }

            @Override
            public int hashCode() {
                return hash;
            }

            @Override
            public boolean equals(Object o) {
                if (!(o instanceof MatchKey k)) {
                    return false;
                }
                if (k.hash != hash) {
                    return false;
                }
                if (sizeWithoutName(match) != sizeWithoutName(k.match)) {
                    return false;
                }
                Iterator<Map.Entry<String, JsonNode>> it = match.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equals("name")) {
                        continue;
                    }
                    JsonNode other = k.match.get(e.getKey());
                    if (other == null || !e.getValue().equals(other)) {
                        return false;
                    }
                }
                return true;
            }

            private static int sizeWithoutName(JsonNode m) {
                return m.has("name") ? m.size() - 1 : m.size();
            }
        }

        /**
         * A prefix-overlap candidate (VS-44). The prefix and port are read up front; the rest only when a pair
         * gets that far, which for typical routes (distinct prefixes) is never.
         */
        private static final class Candidate {
            final JsonNode route;
            final int routeIndex;
            final JsonNode match;
            final int matchIndex;
            final String prefix;
            final long port;
            private String method;
            private String authority;
            private Map<String, String> headers;
            private Map<String, String> query;
            private Map<String, String> without;

            Candidate(JsonNode route, int routeIndex, JsonNode match, int matchIndex, String prefix) {
                this.route = route;
                this.routeIndex = routeIndex;
                this.match = match;
                this.matchIndex = matchIndex;
                this.prefix = prefix;
                this.port = Json.lng(match, "port");
            }

            String method() {
                if (method == null) {
                    String m = encode(Json.get(match, "method"));
                    method = m.isEmpty() ? "exact:GET" : m;
                }
                return method;
            }

            String authority() {
                if (authority == null) {
                    authority = encode(Json.get(match, "authority"));
                }
                return authority;
            }

            Map<String, String> headers() {
                if (headers == null) {
                    headers = encodeMap(Json.get(match, "headers"));
                }
                return headers;
            }

            Map<String, String> query() {
                if (query == null) {
                    query = encodeMap(Json.get(match, "queryParams"));
                }
                return query;
            }

            Map<String, String> without() {
                if (without == null) {
                    without = encodeMap(Json.get(match, "withoutHeaders"));
                }
                return without;
            }

            String routeName() {
                return Unreachable.routeName(route, routeIndex);
            }

            String matchName() {
                return Unreachable.matchName(match, matchIndex);
            }
        }

        static void http(List<JsonNode> routes, Findings f) {
            Map<MatchKey, Integer> seen = new HashMap<>();
            int emptyAt = -1;
            List<Candidate> candidates = new ArrayList<>();
            for (int rn = 0; rn < routes.size(); rn++) {
                JsonNode route = routes.get(rn);
                List<JsonNode> matches = Json.list(route, "match");
                if (matches.isEmpty()) {
                    if (emptyAt >= 0) {
                        f.warn("virtualService rule " + routeName(route, rn)
                                + " not used (only the last rule can have no matches)");
                    }
                    emptyAt = rn;
                    continue;
                }
                int dups = 0;
                for (int mn = 0; mn < matches.size(); mn++) {
                    JsonNode m = matches.get(mn);
                    if (emptyAt >= 0) {
                        f.warn("virtualService rule " + routeName(route, rn)
                                + " not used (route without matches defined before)");
                        continue;
                    }
                    Integer prior = seen.putIfAbsent(new MatchKey(m), rn);
                    if (prior != null) {
                        f.warn("virtualService rule " + routeName(route, rn) + " match " + matchName(m, mn)
                                + " is not used (duplicate/overlapping match in rule " + routeName(routes.get(prior), prior) + ")");
                        dups++;
                        continue;
                    }
                    JsonNode uri = Json.get(m, "uri");
                    String prefix = Json.str(uri, "prefix");
                    if (!prefix.isEmpty()) {
                        candidates.add(new Candidate(route, rn, m, mn, prefix));
                    }
                }
                if (dups > 0 && dups == matches.size()) {
                    f.warn("virtualService rule " + routeName(route, rn) + " not used (all matches used by prior rules)");
                }
            }
            for (int i = 0; i < candidates.size(); i++) {
                Candidate a = candidates.get(i);
                for (int j = i + 1; j < candidates.size(); j++) {
                    Candidate b = candidates.get(j);
                    // b must extend a's prefix: a longer string starting with it (cheapest test first)
                    if (b.prefix.length() <= a.prefix.length() || a.port != b.port || !b.prefix.startsWith(a.prefix)
                            || !a.method().startsWith(b.method()) || !a.authority().startsWith(b.authority())
                            || !mapCovers(a.headers(), b.headers()) || !mapCovers(a.query(), b.query())
                            || !mapCovers(a.without(), b.without())) {
                        continue;
                    }
                    f.warn("virtualService rule " + b.routeName() + " match " + b.matchName() + " of prefix " + b.prefix
                            + " is not used (duplicate/overlapping match in rule " + a.matchName() + " of prefix " + a.prefix
                            + " on " + a.routeName() + ")");
                }
            }
        }

        private static boolean mapCovers(Map<String, String> a, Map<String, String> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, String> e : a.entrySet()) {
                String bv = b.get(e.getKey());
                if (bv == null || !e.getValue().startsWith(bv)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code exact:<v>} or {@code prefix:<v>} for non-empty values, else "" (regex and empty). */
        private static String encode(JsonNode sm) {
            String exact = Json.str(sm, "exact");
            if (!exact.isEmpty()) {
                return "exact:" + exact;
            }
            String prefix = Json.str(sm, "prefix");
            return prefix.isEmpty() ? "" : "prefix:" + prefix;
        }

        private static Map<String, String> encodeMap(JsonNode map) {
            Map<String, String> out = new HashMap<>();
            if (map != null) {
                Iterator<Map.Entry<String, JsonNode>> it = map.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), encode(e.getValue()));
                }
            }
            return out;
        }

        /** TCP and TLS routes: the same analysis without names or prefix overlap. */
        static void l4(List<JsonNode> routes, Findings f) {
            Map<JsonNode, Integer> seen = new HashMap<>();
            int emptyAt = -1;
            for (int rn = 0; rn < routes.size(); rn++) {
                List<JsonNode> matches = Json.list(routes.get(rn), "match");
                String rname = "#" + rn;
                if (matches.isEmpty()) {
                    if (emptyAt >= 0) {
                        f.warn("virtualService rule " + rname + " not used (only the last rule can have no matches)");
                    }
                    emptyAt = rn;
                    continue;
                }
                int dups = 0;
                for (int mn = 0; mn < matches.size(); mn++) {
                    JsonNode m = matches.get(mn);
                    if (emptyAt >= 0) {
                        f.warn("virtualService rule " + rname + " not used (route without matches defined before)");
                        continue;
                    }
                    Integer prior = seen.putIfAbsent(m, rn);
                    if (prior != null) {
                        f.warn("virtualService rule " + rname + " match #" + mn
                                + " is not used (duplicate/overlapping match in rule #" + prior + ")");
                        dups++;
                        continue;
                    }
                }
                if (dups > 0 && dups == matches.size()) {
                    f.warn("virtualService rule " + rname + " not used (all matches used by prior rules)");
                }
            }
        }
    }
}
