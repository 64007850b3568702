package dev.meshhook.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * AdmissionReview {@code admission.k8s.io/v1} and {@code v1beta1} codec, shaped like the Kubernetes universal
 * deserializer Istio uses (inject-spec a.2-a.3, validation-spec 1.2-1.3): JSON or YAML in, the same
 * {@code apiVersion}/{@code kind} out, Go-JSON field order in the response.
 */
public final class AdmissionCodec {

    public static final String V1 = "admission.k8s.io/v1";
    public static final String V1BETA1 = "admission.k8s.io/v1beta1";
    public static final String KIND = "AdmissionReview";

    /** Longest body excerpt quoted back in decode errors; Go quotes the whole body, which can be 6 MiB. */
    static final int MAX_QUOTED_BODY = 1024;

    // Admission bodies are capped at 6 MiB before they reach the codec; lift Jackson's 20 MB string cap
    // anyway so a single huge string field (managedFields, a large annotation) never fails for length.
    // Field names stay canonicalised and interned (Jackson's defaults): the byte-level UTF-8 parser needs the
    // former, and interned keys make the validators' lookups identity hits. What made both expensive, the
    // thousands of one-off managedFields keys of a busy object, is cut from the bytes first (ManagedFieldsCutter).
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper(JSON);
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String TYPE_META_STRUCT =
            "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";

    private AdmissionCodec() {}

    /** Result of decoding a body. */
    public sealed interface Decoded {
        /** A well-formed review. {@code request} is null when the envelope has no {@code request}. */
        record Review(String apiVersion, String kind, ObjectNode request) implements Decoded {
            public String uid() {
                return request == null ? "" : text(request, "uid");
            }
        }

        /**
         * The body is not an AdmissionReview. {@code objectLevel} is true when it decoded as another
         * Kubernetes object (Istio's {@code could not decode object} branch) rather than failing to decode.
         */
        record Undecodable(String message, boolean objectLevel) implements Decoded {}
    }

    /**
     * Decodes a body the way the Kubernetes universal deserializer does for a scheme with AdmissionReview
     * v1/v1beta1 ({@code coreV1KnownAsObjects}: core/v1 kinds decode but are not reviews, Istio's injector scheme).
     */
    public static Decoded decode(byte[] body, boolean coreV1KnownAsObjects) {
        JsonNode root;
        try {
            root = looksLikeJson(body) ? parseJson(ManagedFieldsCutter.cut(body)) : parseYaml(body);
        } catch (IOException e) {
            return new Decoded.Undecodable(parseErrorText(body, e), false);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Decoded.Undecodable(missing("Kind", body), false);
        }
        if (!root.isObject()) {
            return new Decoded.Undecodable("couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + unmarshalTypeName(root) + " into Go value of type " + TYPE_META_STRUCT, false);
        }
        JsonNode apiVersionNode = root.get("apiVersion");
        JsonNode kindNode = root.get("kind");
        String typeMetaError = typeMetaError("apiVersion", apiVersionNode);
        if (typeMetaError == null) {
            typeMetaError = typeMetaError("kind", kindNode);
        }
        if (typeMetaError != null) {
            return new Decoded.Undecodable(typeMetaError, false);
        }
        String apiVersion = apiVersionNode == null || apiVersionNode.isNull() ? "" : apiVersionNode.asText();
        String kind = kindNode == null || kindNode.isNull() ? "" : kindNode.asText();
        if (kind.isEmpty()) {
            return new Decoded.Undecodable(missing("Kind", body), false);
        }
        if (apiVersion.isEmpty()) {
            return new Decoded.Undecodable(missing("apiVersion", body), false);
        }
        boolean review = KIND.equals(kind) && (V1.equals(apiVersion) || V1BETA1.equals(apiVersion));
        if (!review) {
            if (coreV1KnownAsObjects && "v1".equals(apiVersion)) {
                return new Decoded.Undecodable("unsupported type :&TypeMeta{Kind:" + kind + ",APIVersion:"
                        + apiVersion + ",}", true);
            }
            return new Decoded.Undecodable("no kind \"" + kind + "\" is registered for version \"" + apiVersion
                    + "\" in scheme \"meshhook admission scheme\"", false);
        }
        JsonNode request = root.get("request");
        if (request == null || request.isNull()) {
            return new Decoded.Review(apiVersion, kind, null);
        }
        String typeError = checkRequestTypes(request);
        if (typeError != null) {
            return new Decoded.Undecodable(typeError, false);
        }
        return new Decoded.Review(apiVersion, kind, (ObjectNode) request);
    }

    /**
     * A response review. {@code apiVersion}/{@code kind} null → no TypeMeta (decode failures). Field order is
     * Go-JSON of {@code AdmissionReview}/{@code AdmissionResponse}; empty optional parts are omitted.
     */
    public static ObjectNode response(String apiVersion, String kind, String uid, boolean allowed,
                                      String statusMessage, byte[] jsonPatch, List<String> warnings) {
        ObjectNode review = NODES.objectNode();
        if (kind != null && !kind.isEmpty()) {
            review.put("kind", kind);
        }
        if (apiVersion != null && !apiVersion.isEmpty()) {
            review.put("apiVersion", apiVersion);
        }
        ObjectNode response = review.putObject("response");
        response.put("uid", uid == null ? "" : uid);
        response.put("allowed", allowed);
        if (statusMessage != null && !statusMessage.isEmpty()) {
            ObjectNode status = response.putObject("status");
            status.putObject("metadata");
            status.put("message", statusMessage);
        }
        if (jsonPatch != null) {
            response.put("patch", Base64.getEncoder().encodeToString(jsonPatch));
            response.put("patchType", "JSONPatch");
        }
        if (warnings != null && !warnings.isEmpty()) {
            ArrayNode w = response.putArray("warnings");
            warnings.forEach(w::add);
        }
        return review;
    }

    /** Serialises a JSON-Patch document as the bytes that get base64-encoded into {@code response.patch}. */
    public static byte[] patchBytes(ArrayNode patch) {
        try {
            return JSON_MAPPER.writeValueAsBytes(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON patch does not serialise: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    // The fields of AdmissionRequest the webhooks read, with their Go types: a mismatch fails decoding in Go.
    private static String checkRequestTypes(JsonNode request) {
        if (!request.isObject()) {
            return "json: cannot unmarshal " + unmarshalTypeName(request)
                    + " into Go struct field AdmissionReview.request of type v1.AdmissionRequest";
        }
        String[][] strings = {{"uid", "types.UID"}, {"operation", "v1.Operation"}, {"namespace", "string"},
                {"name", "string"}, {"subResource", "string"}};
        for (String[] f : strings) {
            JsonNode v = request.get(f[0]);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return fieldError(f[0], v, f[1]);
            }
        }
        JsonNode dryRun = request.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            return fieldError("dryRun", dryRun, "bool");
        }
        for (String f : new String[] {"kind", "resource", "requestKind", "requestResource", "userInfo"}) {
            JsonNode v = request.get(f);
            if (v != null && !v.isNull() && !v.isObject()) {
                return fieldError(f, v, f.toLowerCase().contains("kind") ? "v1.GroupVersionKind"
                        : f.equals("userInfo") ? "v1.UserInfo" : "v1.GroupVersionResource");
            }
        }
        return null;
    }

    private static String typeMetaError(String field, JsonNode v) {
        if (v == null || v.isNull() || v.isTextual()) {
            return null;
        }
        return "couldn't get version/kind; json parse error: json: cannot unmarshal " + unmarshalTypeName(v)
                + " into Go struct field ." + field + " of type string";
    }

    private static String fieldError(String field, JsonNode v, String goType) {
        return "json: cannot unmarshal " + unmarshalTypeName(v) + " into Go struct field AdmissionRequest.request."
                + field + " of type " + goType;
    }

    private static String missing(String what, byte[] body) {
        return "Object '" + what + "' is missing in '" + quoted(body) + "'";
    }

    private static String quoted(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        return s.length() <= MAX_QUOTED_BODY ? s : s.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return true;
    }

    private static JsonNode parseJson(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            JsonNode node = JSON_MAPPER.readTree(p);
            if (node != null && p.nextToken() != null) {
                throw new JsonTrailingDataException(p);
            }
            return node;
        }
    }

    private static JsonNode parseYaml(byte[] body) throws IOException {
        return YAML_MAPPER.readTree(body);
    }

    private static String parseErrorText(byte[] body, IOException e) {
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (e instanceof JsonTrailingDataException) {
            detail = "invalid character after top-level value";
        }
        if (!looksLikeJson(body)) {
            return "error converting YAML to JSON: yaml: " + firstLine(detail);
        }
        return "couldn't get version/kind; json parse error: " + firstLine(detail);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unexpected end of JSON input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class JsonTrailingDataException extends JsonProcessingException {
        JsonTrailingDataException(JsonParser p) {
            super("invalid character after top-level value", p.currentLocation());
        }
    }
}
