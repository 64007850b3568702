package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * AuthorizationPolicy (security.istio.io), validation-spec §2.2.9. Every error is prefixed
 * {@code invalid policy <name>.<namespace>: }; IP/CIDR and port checks keep Istio's list form (§1.5).
 */
public final class AuthorizationPolicyValidator implements KindValidator {
    private static final String P = "istio.security.v1beta1.";
    private static final ProtoType STRINGS = listOf(STRING);

    private static final String[] SOURCE_FIELDS = {
        "principals", "notPrincipals", "requestPrincipals", "notRequestPrincipals", "namespaces", "notNamespaces",
        "ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks", "serviceAccounts", "notServiceAccounts",
        "trustDomains", "notTrustDomains"};
    private static final String[] OPERATION_FIELDS = {
        "hosts", "notHosts", "ports", "notPorts", "methods", "notMethods", "paths", "notPaths"};

    static final ProtoType SPEC = PolicyTargets.withTargets(message(P + "AuthorizationPolicy"), true)
        .field("rules", listOf(message(P + "Rule")
            .field("from", listOf(message(P + "Rule.From").field("source", message(P + "Source").fields(STRINGS, SOURCE_FIELDS))))
            .field("to", listOf(message(P + "Rule.To").field("operation", message(P + "Operation").fields(STRINGS, OPERATION_FIELDS))))
            .field("when", listOf(message(P + "Condition").field("key", STRING).fields(STRINGS, "values", "notValues")))))
        .field("action", enumOf(P + "AuthorizationPolicy.Action", "ALLOW", "DENY", "AUDIT", "CUSTOM"))
        .field("provider", message(P + "AuthorizationPolicy.ExtensionProvider").field("name", STRING));

    /** RFC 3986 pchar, the literal segments allowed next to a path template. */
    private static final Pattern VALID_LITERAL = Pattern.compile("^[a-zA-Z0-9-._~%!$&'()+,;:@=]+$");

    private static final String DENY_ALL_TCP_WARNING = "configured AuthorizationPolicy will deny all traffic to TCP ports "
        + "under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port";

    @Override
    public String group() {
        return "security.istio.io";
    }

    @Override
    public String kind() {
        return "AuthorizationPolicy";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    /** One collected error; {@code listForm} marks errors Istio produces as a one-element multierror. */
    private record Err(String text, boolean listForm) {}

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        List<Err> errs = new ArrayList<>();
        for (String e : PolicyTargets.errors(spec)) {
            errs.add(new Err(e, false));
        }
        if (Labels.selectorWithoutLabels(Json.get(spec, "selector"))) {
            findings.warn("workload selector specified without labels");
        }
        String action = Json.enumName(spec, "action", "ALLOW");
        boolean hasRules = Json.has(spec, "rules");
        List<JsonNode> rules = Json.list(spec, "rules");
        JsonNode provider = Json.get(spec, "provider");

        if (action.equals("CUSTOM")) {
            if (!hasRules) {
                errs.add(new Err("CUSTOM action without `rules` is meaningless as it will never be triggered, "
                    + "add an empty rule `{}` if you want it be triggered for every request", false));
            } else if (Json.str(provider, "name").isEmpty()) {
                errs.add(new Err("`provider.name` must not be empty", false));
            }
            for (JsonNode rule : rules) {
                checkCustomRule(rule, errs);
            }
        }
        if (provider != null && !action.equals("CUSTOM")) {
            errs.add(new Err("`provider` must not be with non CUSTOM action, found " + action, false));
        }
        if (action.equals("DENY") && !hasRules) {
            errs.add(new Err("DENY action without `rules` is meaningless as it will never be triggered, "
                + "add an empty rule `{}` if you want it be triggered for every request", false));
        }
        for (int i = 0; i < rules.size(); i++) {
            if (checkRule(rules.get(i), i, errs) && action.equals("DENY")) {
                findings.warn(DENY_ALL_TCP_WARNING);
            }
        }
        String prefix = "invalid policy " + resource.name() + "." + resource.namespace() + ": ";
        for (Err e : errs) {
            if (e.listForm()) {
                findings.errorInList(prefix + e.text());
            } else {
                findings.error(prefix + e.text());
            }
        }
    }

    private static void checkCustomRule(JsonNode rule, List<Err> errs) {
        String[][] fromChecks = {
            {"namespaces", "From.Namespaces"}, {"notNamespaces", "From.NotNamespaces"},
            {"serviceAccounts", "From.ServiceAccounts"}, {"notServiceAccounts", "From.NotServiceAccounts"},
            {"trustDomains", "From.TrustDomains"}, {"notTrustDomains", "From.NotTrustDomains"},
            {"principals", "From.Principals"}, {"notPrincipals", "From.NotPrincipals"},
            {"requestPrincipals", "From.RequestPrincipals"}, {"notRequestPrincipals", "From.NotRequestPrincipals"}};
        for (JsonNode from : Json.list(rule, "from")) {
            JsonNode src = Json.get(from, "source");
            if (src == null) {
                continue;
            }
            for (String[] c : fromChecks) {
                if (Json.size(src, c[0]) != 0) {
                    errs.add(new Err(c[1] + " is currently not supported with CUSTOM action", false));
                }
            }
        }
        for (JsonNode when : Json.list(rule, "when")) {
            String key = Json.str(when, "key");
            if (key.equals("source.namespace") || key.equals("source.serviceAccount") || key.equals("source.trustDomain")
                || key.equals("source.principal") || key.startsWith("request.auth.")) {
                errs.add(new Err(key + " is currently not supported with CUSTOM action", false));
            }
        }
    }

    /** Checks one rule; returns whether the DENY "only HTTP attributes" warning applies to it. */
    private static boolean checkRule(JsonNode rule, int i, List<Err> errs) {
        boolean tcpRulesInFrom = false;
        boolean tcpRulesInTo = false;
        boolean fromRuleExist = false;
        boolean toRuleExist = false;
        for (JsonNode from : Json.list(rule, "from")) {
            JsonNode src = Json.get(from, "source");
            if (src == null) {
                errs.add(new Err("`from.source` must not be nil, found at rule " + i, false));
                continue;
            }
            fromRuleExist = true;
            boolean empty = true;
            for (String f : SOURCE_FIELDS) {
                if (Json.size(src, f) != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                errs.add(new Err("`from.source` must not be empty, found at rule " + i, false));
            }
            if ((Json.has(src, "serviceAccounts") || Json.has(src, "notServiceAccounts"))
                && (Json.has(src, "principals") || Json.has(src, "notPrincipals")
                    || Json.has(src, "namespaces") || Json.has(src, "notNamespaces"))) {
                errs.add(new Err("cannot set serviceAccounts with namespaces or principals, found at rule " + i, false));
            }
            for (String f : new String[] {"ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks"}) {
                for (String e : ipErrors(Json.strings(src, f))) {
                    errs.add(new Err(e, true));
                }
            }
            for (String f : new String[] {"principals", "requestPrincipals", "namespaces", "ipBlocks", "remoteIpBlocks",
                "notPrincipals", "notRequestPrincipals", "notNamespaces", "notIpBlocks", "notRemoteIpBlocks"}) {
                addIfPresent(errs, emptyValueError(fieldName(f), Json.strings(src, f)));
            }
            addIfPresent(errs, serviceAccountError("ServiceAccounts", Json.strings(src, "serviceAccounts")));
            addIfPresent(errs, serviceAccountError("NotServiceAccounts", Json.strings(src, "notServiceAccounts")));
            addIfPresent(errs, trustDomainError("TrustDomains", Json.strings(src, "trustDomains"), true));
            addIfPresent(errs, trustDomainError("NotTrustDomains", Json.strings(src, "notTrustDomains"), true));
            for (String f : new String[] {"principals", "notPrincipals", "ipBlocks", "notIpBlocks", "namespaces",
                "notNamespaces", "remoteIpBlocks", "notRemoteIpBlocks", "serviceAccounts", "notServiceAccounts"}) {
                if (Json.has(src, f)) {
                    tcpRulesInFrom = true;
                }
            }
        }
        for (JsonNode to : Json.list(rule, "to")) {
            JsonNode op = Json.get(to, "operation");
            if (op == null) {
                errs.add(new Err("`to.operation` must not be nil, found at rule " + i, false));
                continue;
            }
            toRuleExist = true;
            boolean empty = true;
            for (String f : OPERATION_FIELDS) {
                if (Json.size(op, f) != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                errs.add(new Err("`to.operation` must not be empty, found at rule " + i, false));
            }
            for (String e : portErrors(Json.strings(op, "ports"))) {
                errs.add(new Err(e, true));
            }
            for (String e : portErrors(Json.strings(op, "notPorts"))) {
                errs.add(new Err(e, true));
            }
            for (String f : new String[] {"ports", "methods", "paths", "hosts", "notPorts", "notMethods", "notPaths", "notHosts"}) {
                addIfPresent(errs, emptyValueError(fieldName(f), Json.strings(op, f)));
            }
            addIfPresent(errs, pathTemplateError("Paths", Json.strings(op, "paths")));
            addIfPresent(errs, pathTemplateError("NotPaths", Json.strings(op, "notPaths")));
            if (Json.has(op, "ports") || Json.has(op, "notPorts")) {
                tcpRulesInTo = true;
            }
        }
        for (JsonNode cond : Json.list(rule, "when")) {
            String key = Json.str(cond, "key");
            if (key.isEmpty()) {
                errs.add(new Err("`key` must not be empty", false));
                continue;
            }
            List<String> values = Json.strings(cond, "values");
            List<String> notValues = Json.strings(cond, "notValues");
            if (values.isEmpty() && notValues.isEmpty()) {
                errs.add(new Err("at least one of `values` or `notValues` must be set for key " + key, false));
                continue;
            }
            String ve = attributeError(key, values);
            if (ve != null) {
                errs.add(new Err("invalid `value` for `key` " + key + ": " + ve, false));
            }
            String ne = attributeError(key, notValues);
            if (ne != null) {
                errs.add(new Err("invalid `notValue` for `key` " + key + ": " + ne, false));
            }
        }
        return (fromRuleExist && !toRuleExist && !tcpRulesInFrom) || (toRuleExist && !tcpRulesInTo);
    }

    private static void addIfPresent(List<Err> errs, String e) {
        if (e != null) {
            errs.add(new Err(e, false));
        }
    }

    /** Go field name as Istio prints it: {@code notIpBlocks} → {@code NotIpBlocks}. */
    private static String fieldName(String jsonName) {
        return Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
    }

    static String emptyValueError(String key, List<String> values) {
        for (String v : values) {
            if (v.isEmpty()) {
                return "empty value not allowed, found in " + key;
            }
        }
        return null;
    }

    /** {@code security.ValidateIPs}: one error per bad value. */
    static List<String> ipErrors(List<String> values) {
        List<String> errs = new ArrayList<>();
        for (String v : values) {
            if (v.contains("/")) {
                String e = Addresses.parsePrefixError(v);
                if (e != null) {
                    errs.add("bad CIDR range (" + v + "): " + e);
                }
            } else if (!Addresses.isIp(v)) {
                errs.add("bad IP address (" + v + ")");
            }
        }
        return errs;
    }

    /** {@code security.ValidatePorts}: unsigned decimal (Go ParseUint, 32 bits) not above 65535. */
    static List<String> portErrors(List<String> values) {
        List<String> errs = new ArrayList<>();
        for (String p : values) {
            String parseErr = parseUint32Error(p);
            if (parseErr != null) {
                errs.add("bad port (" + p + "): " + parseErr);
            } else if (Long.parseLong(p) > 65535) {
                errs.add("bad port (" + p + "): <nil>");
            }
        }
        return errs;
    }

    private static String parseUint32Error(String s) {
        if (s.isEmpty()) {
            return "strconv.ParseUint: parsing " + GoFormat.quote(s) + ": invalid syntax";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return "strconv.ParseUint: parsing " + GoFormat.quote(s) + ": invalid syntax";
            }
        }
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > 0xffffffffL) {
            return "strconv.ParseUint: parsing " + GoFormat.quote(s) + ": value out of range";
        }
        return null;
    }

    /** {@code security.CheckServiceAccount}: first problem only. */
    static String serviceAccountError(String key, List<String> values) {
        if (values.size() > 16) {
            return "may not have more than 16 values";
        }
        for (String v : values) {
            if (v.isEmpty()) {
                return "empty value not allowed, found in " + key;
            }
            if (v.contains("*")) {
                return "wildcard not allowed, found in " + key;
            }
            long slashes = v.chars().filter(c -> c == '/').count();
            if (slashes > 1) {
                return "expected format 'serviceAccount' or 'namespace/serviceAccount', found " + GoFormat.quote(v) + " in " + key;
            }
            if (v.length() > 320) {
                return "value cannot exceed 320 characters, found " + GoFormat.quote(v) + " in " + key;
            }
            int slash = v.indexOf('/');
            if (slash >= 0) {
                if (slash == 0) {
                    return "expected format 'serviceAccount' or 'namespace/serviceAccount', found empty namespace "
                        + GoFormat.quote(v) + " in " + key;
                }
                if (slash == v.length() - 1) {
                    return "expected format 'serviceAccount' or 'namespace/serviceAccount', found empty serviceAccount "
                        + GoFormat.quote(v) + " in " + key;
                }
            }
        }
        return null;
    }

    /** Trust-domain values: non-empty, one {@code *} at most and only at either end, no {@code /} (source fields). */
    static String trustDomainError(String key, List<String> values, boolean checkSlash) {
        for (String v : values) {
            if (v.isEmpty()) {
                return "empty value not allowed, found in " + key;
            }
            long stars = v.chars().filter(c -> c == '*').count();
            if (stars > 1) {
                return "at most one wildcard is allowed, found in " + key + ": " + GoFormat.quote(v);
            }
            if (stars == 1 && !v.startsWith("*") && !v.endsWith("*")) {
                return "wildcard is only allowed at the start or end, found in " + key + ": " + GoFormat.quote(v);
            }
            if (checkSlash && v.contains("/")) {
                return "trust domain must not contain '/', found in " + key + ": " + GoFormat.quote(v);
            }
        }
        return null;
    }

    /** {@code security.CheckValidPathTemplate}: {@code {*}}/{@code {**}} segments only, {@code {**}} last. */
    static String pathTemplateError(String key, List<String> paths) {
        for (String raw : paths) {
            boolean hasTemplate = raw.contains("{*}") || raw.contains("{**}");
            String path = trimSlashes(raw);
            boolean foundAny = false;
            for (String glob : path.split("/", -1)) {
                if (glob.equals("{*}") && !foundAny) {
                    continue;
                }
                if (glob.equals("{**}") && !foundAny) {
                    foundAny = true;
                    continue;
                }
                if ((glob.equals("{**}") || glob.equals("{*}")) && foundAny) {
                    return "invalid or unsupported path " + path + ", found in " + key + ". {**} is not the last operator";
                }
                if (glob.contains("{") || glob.contains("}")) {
                    return "invalid or unsupported path " + path + ", found in " + key
                        + ". Contains '{' or '}' beyond a supported path template";
                }
                if (hasTemplate && !VALID_LITERAL.matcher(glob).matches()) {
                    return "invalid or unsupported path " + path + ", found in " + key + ". Contains segment " + glob
                        + " with invalid string literal";
                }
            }
        }
        return null;
    }

    private static String trimSlashes(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '/') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '/') {
            e--;
        }
        return s.substring(b, e);
    }

    /** {@code security.ValidateAttribute} for a {@code when} condition; null when acceptable. */
    static String attributeError(String key, List<String> values) {
        String empty = emptyValueError(key, values);
        if (empty != null) {
            return empty;
        }
        if (key.startsWith("request.headers") || key.startsWith("request.experimental.inline.headers")
            || key.startsWith("request.auth.claims") || key.startsWith("experimental.envoy.filters.")) {
            return mapKeyError(key);
        }
        switch (key) {
            case "source.ip":
            case "remote.ip":
            case "destination.ip": {
                List<String> e = ipErrors(values);
                return e.isEmpty() ? null : Findings.formatList(e);
            }
            case "destination.port": {
                List<String> e = portErrors(values);
                return e.isEmpty() ? null : Findings.formatList(e);
            }
            case "source.serviceAccount":
                return serviceAccountError(key, values);
            case "source.trustDomain":
                return trustDomainError(key, values, false);
            case "source.namespace":
            case "source.principal":
            case "request.auth.principal":
            case "request.auth.audiences":
            case "request.auth.presenter":
            case "connection.sni":
                return null;
            case "destination.namespace":
                return "attribute " + key + " is replaced by the metadata.namespace";
            case "destination.name":
            case "destination.user":
                return "deprecated attribute " + key + ": only supported in v1alpha1";
            default:
                if (key.startsWith("destination.labels")) {
                    return "attribute " + key + " is replaced by the workload selector";
                }
                return "unknown attribute: " + key;
        }
    }

    private static String mapKeyError(String key) {
        int open = key.indexOf('[');
        if (key.endsWith("]") && open > 0 && open < key.length() - 2) {
            return null;
        }
        return "bad key (" + key + "): should have format a[b]";
    }
}
