package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.STRUCT;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * TrafficExtension (extensions.istio.io/v1alpha1), validation-spec §2.2.14: exactly one of a Wasm or a Lua filter,
 * selector or targetRefs (no singular targetRef), and the WasmPlugin field rules for the {@code wasm} block.
 */
public final class TrafficExtensionValidator implements KindValidator {
    private static final String P = "istio.extensions.v1alpha1.";

    static final ProtoType SPEC = PolicyTargets.withTargets(message(P + "TrafficExtension"), false)
        .field("phase", WasmPluginValidator.PLUGIN_PHASE)
        .field("priority", INT32)
        .field("match", listOf(message(P + "TrafficSelector")
            .field("mode", WasmPluginValidator.TRAFFIC_SELECTOR.fields().get("mode"))
            .field("ports", listOf(NetworkingTypes.PORT_SELECTOR))))
        .field("wasm", message(P + "WasmConfig")
            .fields(STRING, "url", "sha256", "imagePullSecret", "verificationKey", "pluginName")
            .field("imagePullPolicy", WasmPluginValidator.PULL_POLICY)
            .field("pluginConfig", STRUCT)
            .field("failStrategy", WasmPluginValidator.FAIL_STRATEGY)
            .field("vmConfig", WasmPluginValidator.VM_CONFIG)
            .field("type", WasmPluginValidator.PLUGIN_TYPE))
        .field("lua", message(P + "LuaConfig").field("inlineCode", STRING));

    @Override
    public String group() {
        return "extensions.istio.io";
    }

    @Override
    public String kind() {
        return "TrafficExtension";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        JsonNode wasm = Json.get(spec, "wasm");
        JsonNode lua = Json.get(spec, "lua");
        if ((wasm == null) == (lua == null)) {
            findings.error("exactly one of wasm or lua must be set");
        }
        PolicyTargets.check(spec, findings);
        if (lua != null) {
            String code = Json.str(lua, "inlineCode");
            if (code.isEmpty()) {
                findings.error("lua.inlineCode cannot be empty");
            } else if (code.getBytes(StandardCharsets.UTF_8).length > 65536) {
                findings.error("lua.inlineCode exceeds maximum size of 64KB");
            }
        }
        if (wasm != null) {
            WasmPluginValidator.validateWasmFields(wasm, 256, findings);
        }
        String e = WasmPluginValidator.matchError(Json.list(spec, "match"));
        if (e != null) {
            findings.error(e);
        }
    }
}
