package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.mapOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ProxyConfig (networking.istio.io/v1beta1), validation-spec §2.2.15: selector rules and a non-negative
 * concurrency; nothing else is checked (the mesh-wide ProxyConfig rules do not apply to this CR).
 */
public final class ProxyConfigValidator implements KindValidator {
    static final ProtoType SPEC = message("istio.networking.v1beta1.ProxyConfig")
        .field("selector", PolicyTargets.SELECTOR)
        .field("concurrency", INT32)
        .field("environmentVariables", mapOf(STRING))
        .field("image", message("istio.networking.v1beta1.ProxyImage").field("imageType", STRING));

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "ProxyConfig";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        Labels.validateWorkloadSelector(Json.get(spec, "selector"), findings);
        if (Json.lng(spec, "concurrency") < 0) {
            findings.error("concurrency must be greater than or equal to 0");
        }
    }
}
