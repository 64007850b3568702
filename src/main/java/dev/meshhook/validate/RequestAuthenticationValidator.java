package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.BOOL;
import static dev.meshhook.validate.ProtoType.DURATION;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RequestAuthentication (security.istio.io), validation-spec §2.2.11. Each jwtRule's errors are a list-form
 * multierror in Istio (§1.5).
 */
public final class RequestAuthenticationValidator implements KindValidator {
    private static final String P = "istio.security.v1beta1.";
    private static final ProtoType STRINGS = listOf(STRING);

    static final ProtoType JWT_RULE = message(P + "JWTRule")
        .fields(STRING, "issuer", "jwksUri", "jwks", "outputPayloadToHeader")
        .fields(STRINGS, "audiences", "fromParams", "fromCookies", "spaceDelimitedClaims")
        .field("fromHeaders", listOf(message(P + "JWTHeader").fields(STRING, "name", "prefix")))
        .field("forwardOriginalToken", BOOL)
        .field("outputClaimToHeaders", listOf(message(P + "ClaimToHeader").fields(STRING, "header", "claim")))
        .field("timeout", DURATION);

    static final ProtoType SPEC = PolicyTargets.withTargets(message(P + "RequestAuthentication"), true)
        .field("jwtRules", listOf(JWT_RULE));

    @Override
    public String group() {
        return "security.istio.io";
    }

    @Override
    public String kind() {
        return "RequestAuthentication";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        PolicyTargets.check(spec, findings);
        for (JsonNode rule : Json.list(spec, "jwtRules")) {
            for (String e : jwtRuleErrors(rule, findings)) {
                findings.errorInList(e);
            }
        }
    }

    /** The errors of one rule (warnings go straight to {@code findings}). */
    static List<String> jwtRuleErrors(JsonNode rule, Findings findings) {
        List<String> errs = new ArrayList<>();
        for (String audience : Json.strings(rule, "audiences")) {
            if (audience.isEmpty()) {
                errs.add("audience must be non-empty string");
            }
        }
        String issuer = Json.str(rule, "issuer");
        String jwksUri = Json.str(rule, "jwksUri");
        if (issuer.isEmpty() && jwksUri.isEmpty()) {
            errs.add("issuer or jwksUri must be non-empty string");
        }
        if (!jwksUri.isEmpty()) {
            String e = jwksUriError(jwksUri);
            if (e != null) {
                errs.add(e);
            }
        }
        String jwks = Json.str(rule, "jwks");
        if (!jwks.isEmpty()) {
            try {
                List<Jwks.Key> keys = Jwks.parse(jwks);
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).privateMaterial()) {
                        findings.warn("jwks key at index " + i
                            + " contains private key material; only public keys are used for verification");
                    }
                }
            } catch (Jwks.ParseException e) {
                errs.add("jwks parse error: " + e.getMessage());
            }
        }
        for (JsonNode header : Json.list(rule, "fromHeaders")) {
            if (Json.str(header, "name").isEmpty()) {
                errs.add("location header name must be non-empty string");
            }
        }
        for (String p : Json.strings(rule, "fromParams")) {
            if (p.isEmpty()) {
                errs.add("location query must be non-empty string");
            }
        }
        for (String c : Json.strings(rule, "fromCookies")) {
            if (c.isEmpty()) {
                errs.add("cookie name must be non-empty string");
            }
        }
        for (JsonNode ch : Json.list(rule, "outputClaimToHeaders")) {
            String claim = Json.str(ch, "claim");
            String header = Json.str(ch, "header");
            if (claim.isEmpty() || header.isEmpty()) {
                errs.add("outputClaimToHeaders header and claim value must be non-empty string");
                continue;
            }
            String e = Headers.strictHeaderName(header);
            if (e != null) {
                errs.add(e);
            }
        }
        if (Json.has(rule, "timeout")) {
            Durations.validate(Json.lng(rule, "timeout")).ifPresent(errs::add);
        }
        return errs;
    }

    /** {@code security.ParseJwksURI}: Go URL syntax, scheme http or https, a numeric port if given. */
    static String jwksUriError(String uri) {
        GoUrl.Parsed u;
        try {
            u = GoUrl.parse(uri);
        } catch (GoUrl.UrlException e) {
            return e.getMessage();
        }
        if (!u.scheme().equals("http") && !u.scheme().equals("https")) {
            return "URI scheme " + GoFormat.quote(u.scheme()) + " is not supported";
        }
        String port = u.port();
        if (!port.isEmpty()) {
            try {
                Long.parseLong(port);
            } catch (NumberFormatException e) {
                return "strconv.Atoi: parsing " + GoFormat.quote(port) + ": value out of range";
            }
        }
        return null;
    }
}
