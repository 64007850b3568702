package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * Istio's configuration validation ("Galley") as one facade: the admission decision of §1.4 over a
 * decoded request, with Istio's exact denial texts. Thread-safe; build once and share.
 */
public final class ConfigValidator {

    /** Prefix of every denial produced by a validator (§1.5). */
    public static final String INVALID_PREFIX = "configuration is invalid: ";

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");

    /** Gateway API kinds that get the metadata checks only (§2.2.16). */
    private static final Set<String> METADATA_ONLY = Set.of(
            "gateway.networking.k8s.io/Gateway", "gateway.networking.k8s.io/GatewayClass",
            "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute",
            "gateway.networking.k8s.io/TCPRoute", "gateway.networking.k8s.io/TLSRoute",
            "gateway.networking.k8s.io/UDPRoute", "gateway.networking.k8s.io/ReferenceGrant",
            "gateway.networking.k8s.io/BackendTLSPolicy", "gateway.networking.k8s.io/ListenerSet",
            "gateway.networking.x-k8s.io/XBackend", "gateway.networking.x-k8s.io/XBackendTrafficPolicy");

    static final String DRY_RUN_ANNOTATION = "istio.io/dry-run";
    static final String ALWAYS_REJECT_ANNOTATION = "internal.istio.io/webhook-always-reject";
    static final String PARENT_NAMESPACE_ANNOTATION = "internal.istio.io/parent-namespace";
    static final String PARENTS_ANNOTATION = "internal.istio.io/parents";

    private final Map<String, KindValidator> validators = new HashMap<>();
    /** The same validators by group, then kind: the per-request lookup needs no "group/kind" string. */
    private final Map<String, Map<String, KindValidator>> byGroupAndKind = new HashMap<>();

    /** A validator with every kind registered in {@link KindValidators}. */
    public ConfigValidator() {
        this(KindValidators.all());
    }

    public ConfigValidator(List<KindValidator> kinds) {
        for (KindValidator k : kinds) {
            validators.put(k.group() + "/" + k.kind(), k);
            byGroupAndKind.computeIfAbsent(k.group(), g -> new HashMap<>()).put(k.kind(), k);
        }
    }

    /** Whether objects of this group and kind are recognised (any version, §1.11). */
    public boolean recognises(String group, String kind) {
        String key = group + "/" + kind;
        return validators.containsKey(key) || METADATA_ONLY.contains(key);
    }

    /** The offline form: validates {@code object} as a CREATE (used by the CLI). */
    public ValidationOutcome validate(JsonNode object) {
        return review(ValidationRequest.create(object));
    }

    /** The admission decision of §1.4 for one request. */
    public ValidationOutcome review(ValidationRequest request) {
        String op = request.operation() == null ? "" : request.operation();
        if (!op.equals("CREATE") && !op.equals("UPDATE")) {
            return new ValidationOutcome(true, null, List.of(), ValidationOutcome.REASON_UNSUPPORTED_OPERATION);
        }
        JsonNode obj = request.object();
        if (obj == null || obj.isMissingNode() || obj.isNull()) {
            return ValidationOutcome.deny("cannot decode configuration: unexpected end of JSON input",
                    ValidationOutcome.REASON_YAML_DECODE_ERROR);
        }
        String decodeError = checkObjectShape(obj);
        if (decodeError != null) {
            return ValidationOutcome.deny("cannot decode configuration: " + decodeError,
                    ValidationOutcome.REASON_YAML_DECODE_ERROR);
        }
        String apiVersion = obj.path("apiVersion").asText("");
        String kind = obj.path("kind").asText("");
        String group = "";
        String version = apiVersion;
        int slash = apiVersion.indexOf('/');
        if (slash >= 0) {
            group = apiVersion.substring(0, slash);
            version = apiVersion.substring(slash + 1);
            if (version.contains("/")) {
                group = "";
                version = "";
            }
        }
        Map<String, KindValidator> kinds = byGroupAndKind.get(group);
        KindValidator kv = kinds == null ? null : kinds.get(kind);
        boolean metadataOnly = kv == null && METADATA_ONLY.contains(group + "/" + kind);
        if (kv == null && !metadataOnly) {
            String gv = group.isEmpty() ? version : group + "/" + version;
            return ValidationOutcome.deny("unrecognized type " + gv + ", Kind=" + kind, ValidationOutcome.REASON_UNKNOWN_TYPE);
        }
        JsonNode metadata = obj.get("metadata");
        if (metadata == null || metadata.isNull()) {
            metadata = JsonNodeFactory.instance.objectNode();
        }
        ObjectNode spec;
        if (kv != null) {
            try {
                spec = SpecDecoder.decode(obj.get("spec"), kv.specType());
            } catch (SpecDecoder.DecodeException e) {
                return ValidationOutcome.deny("error decoding configuration: " + e.getMessage(),
                        ValidationOutcome.REASON_CRD_CONVERSION_ERROR);
            }
        } else {
            spec = JsonNodeFactory.instance.objectNode();
        }
        Resource resource = new Resource(group, version, kind, metadata.path("name").asText(""),
                metadata.path("namespace").asText(""), metadata, spec);
        Findings findings = new Findings();
        if (checkMetadata(resource, findings) && kv != null) {
            kv.validate(resource, findings);
        }
        if (findings.hasErrors()) {
            return ValidationOutcome.deny(INVALID_PREFIX + findings.errorText(), ValidationOutcome.REASON_INVALID_RESOURCE);
        }
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!TOP_LEVEL_KEYS.contains(k)) {
                String reqKind = request.requestKind() == null ? "" : request.requestKind();
                String reqNs = request.requestNamespace() == null ? "" : request.requestNamespace();
                return ValidationOutcome.deny("unknown field " + GoFormat.quote(k) + " on " + reqKind + " resource "
                        + reqNs + "/" + resource.name(), ValidationOutcome.REASON_INVALID_RESOURCE);
            }
        }
        return new ValidationOutcome(true, null, findings.warnings(), null);
    }

    private static final String[] TYPE_FIELDS = {"apiVersion", "kind"};
    private static final String[] METADATA_STRING_FIELDS = {"name", "namespace", "generateName", "uid", "resourceVersion"};
    private static final String[] METADATA_MAP_FIELDS = {"labels", "annotations"};

    /** Go encoding/json decoding of the generic object; returns the error text or null. */
    private static String checkObjectShape(JsonNode obj) {
        if (!obj.isObject()) {
            return "json: cannot unmarshal " + unmarshalTypeName(obj) + " into Go value of type crd.IstioKind";
        }
        for (String f : TYPE_FIELDS) {
            JsonNode v = obj.get(f);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return "json: cannot unmarshal " + unmarshalTypeName(v) + " into Go struct field IstioKind." + f + " of type string";
            }
        }
        JsonNode md = obj.get("metadata");
        if (md == null || md.isNull()) {
            return null;
        }
        if (!md.isObject()) {
            return "json: cannot unmarshal " + unmarshalTypeName(md) + " into Go struct field IstioKind.metadata of type v1.ObjectMeta";
        }
        for (String f : METADATA_STRING_FIELDS) {
            JsonNode v = md.get(f);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return "json: cannot unmarshal " + unmarshalTypeName(v) + " into Go struct field ObjectMeta.metadata." + f + " of type string";
            }
        }
        for (String f : METADATA_MAP_FIELDS) {
            JsonNode v = md.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isObject()) {
                return "json: cannot unmarshal " + unmarshalTypeName(v) + " into Go struct field ObjectMeta.metadata." + f
                        + " of type map[string]string";
            }
            for (JsonNode e : v) {
                if (!e.isNull() && !e.isTextual()) {
                    return "json: cannot unmarshal " + unmarshalTypeName(e) + " into Go struct field ObjectMeta.metadata." + f
                            + " of type string";
                }
            }
        }
        return null;
    }

    /** §1.7: returns false (with the single error recorded) when a metadata check fails. */
    private static boolean checkMetadata(Resource r, Findings findings) {
        boolean isAuthz = r.group().equals("security.istio.io") && r.kind().equals("AuthorizationPolicy");
        if (r.hasAnnotation(DRY_RUN_ANNOTATION)) {
            if (!isAuthz) {
                findings.error(r.namespace() + "/" + r.name() + " has unsupported annotation " + DRY_RUN_ANNOTATION
                        + ", please remove the annotation");
                return false;
            }
            JsonNode actionNode = r.spec().get("action");
            String action = actionNode == null ? "ALLOW" : actionNode.asText();
            if (action.equals("ALLOW") || action.equals("DENY")) {
                String v = r.annotation(DRY_RUN_ANNOTATION);
                v = v == null ? "" : v;
                if (!isGoBool(v)) {
                    findings.error(r.namespace() + "/" + r.name() + " has annotation " + DRY_RUN_ANNOTATION
                            + " with invalid value (" + v + "): strconv.ParseBool: parsing " + GoFormat.quote(v)
                            + ": invalid syntax");
                    return false;
                }
            } else {
                findings.error("the annotation " + DRY_RUN_ANNOTATION + " currently only supports action ALLOW/DENY, found action "
                        + action + " in " + r.namespace() + "/" + r.name());
                return false;
            }
        }
        if (r.hasAnnotation(ALWAYS_REJECT_ANNOTATION)) {
            findings.error(GoFormat.quote(ALWAYS_REJECT_ANNOTATION) + " annotation found, rejecting");
            return false;
        }
        if (r.hasAnnotation(PARENT_NAMESPACE_ANNOTATION)) {
            findings.error(GoFormat.quote(PARENT_NAMESPACE_ANNOTATION) + " annotation found, this may not be set by users");
            return false;
        }
        if (r.hasAnnotation(PARENTS_ANNOTATION)) {
            findings.error(GoFormat.quote(PARENTS_ANNOTATION) + " annotation found, this may not be set by users");
            return false;
        }
        return true;
    }

    private static boolean isGoBool(String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> true;
            default -> false;
        };
    }

}
