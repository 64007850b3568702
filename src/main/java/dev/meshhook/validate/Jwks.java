package dev.meshhook.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.meshhook.gotemplate.GoJson.unmarshalTypeName;

/**
 * Inline JWKS parsing as Istio does it with lestrrat-go/jwx v1 {@code jwk.Parse}: a JWK Set ({@code {"keys": [...]}})
 * or a single JWK. Each key needs a known {@code kty} (RSA, EC, OKP, oct) and that type's required members, which
 * must be base64url strings.
 */
final class Jwks {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A JWKS that does not parse; the message is the detail after {@code jwks parse error: }. */
    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /** A parsed key: only what the validator reports on. */
    record Key(String kty, boolean privateMaterial) {}

    private Jwks() {}

    static List<Key> parse(String jwks) throws ParseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(jwks);
        } catch (JsonProcessingException e) {
            throw new ParseException("failed to unmarshal JWK set: " + jsonError(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new ParseException("failed to unmarshal JWK set: unexpected end of JSON input");
        }
        if (!root.isObject()) {
            throw new ParseException("failed to unmarshal JWK set: json: cannot unmarshal " + unmarshalTypeName(root)
                + " into Go value of type map[string]interface {}");
        }
        List<Key> keys = new ArrayList<>();
        JsonNode set = root.get("keys");
        if (set != null) {
            if (!set.isArray()) {
                throw new ParseException("failed to unmarshal JWK set: failed to parse key set: keys must be an array");
            }
            int i = 0;
            for (JsonNode k : set) {
                try {
                    keys.add(parseKey(k));
                } catch (ParseException e) {
                    throw new ParseException("failed to unmarshal JWK set: failed to parse key #" + (i + 1) + ": " + e.getMessage());
                }
                i++;
            }
            return keys;
        }
        try {
            keys.add(parseKey(root));
        } catch (ParseException e) {
            throw new ParseException("failed to unmarshal JWK set: " + e.getMessage());
        }
        return keys;
    }

    private static Key parseKey(JsonNode k) throws ParseException {
        if (!k.isObject()) {
            throw new ParseException("failed to unmarshal JSON into key hint: json: cannot unmarshal " + unmarshalTypeName(k)
                + " into Go value of type struct");
        }
        JsonNode ktyNode = k.get("kty");
        String kty = ktyNode == null || ktyNode.isNull() ? "" : ktyNode.asText();
        boolean hasD = k.hasNonNull("d") && !k.get("d").asText().isEmpty();
        String[] required;
        switch (kty) {
            case "RSA":
                required = new String[] {"n", "e"};
                break;
            case "EC":
                required = new String[] {"crv", "x", "y"};
                break;
            case "OKP":
                required = new String[] {"crv", "x"};
                break;
            case "oct":
                required = new String[] {"k"};
                break;
            default:
                throw new ParseException("invalid key type from JSON (" + kty + ")");
        }
        for (String f : required) {
            JsonNode v = k.get(f);
            if (v == null || v.isNull()) {
                throw new ParseException("failed to unmarshal JSON into key: required field " + f + " is missing");
            }
            if (!v.isTextual()) {
                throw new ParseException("failed to unmarshal JSON into key: failed to decode value for key " + f);
            }
            if (!f.equals("crv") && decodeBase64(v.asText()) == null) {
                throw new ParseException("failed to unmarshal JSON into key: failed to decode value for key " + f
                    + ": failed to decode source: illegal base64 data");
            }
        }
        if (hasD && decodeBase64(k.get("d").asText()) == null) {
            throw new ParseException("failed to unmarshal JSON into key: failed to decode value for key d: "
                + "failed to decode source: illegal base64 data");
        }
        boolean privateMaterial = kty.equals("oct") || hasD;
        return new Key(kty, privateMaterial);
    }

    /** jwx accepts standard and URL-safe base64, padded or not. */
    private static byte[] decodeBase64(String s) {
        String t = s.replace('-', '+').replace('_', '/');
        while (t.length() % 4 != 0) {
            t += "=";
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String jsonError(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? "invalid JSON" : m;
    }

}
