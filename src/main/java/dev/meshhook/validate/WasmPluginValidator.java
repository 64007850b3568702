package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.STRUCT;
import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WasmPlugin (extensions.istio.io), validation-spec §2.2.13. The Wasm field rules (url, sha256, pull secret,
 * VM env, traffic match) are shared with TrafficExtension's {@code wasm} block.
 */
public final class WasmPluginValidator implements KindValidator {
    private static final String P = "istio.extensions.v1alpha1.";

    static final ProtoType PULL_POLICY = enumOf(P + "PullPolicy", "UNSPECIFIED_POLICY", "IfNotPresent", "Always");
    static final ProtoType FAIL_STRATEGY = enumOf(P + "FailStrategy", "FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD");
    static final ProtoType PLUGIN_PHASE = enumOf(P + "PluginPhase", "UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS");
    static final ProtoType PLUGIN_TYPE = enumOf(P + "PluginType", "UNSPECIFIED_PLUGIN_TYPE", "HTTP", "NETWORK");
    static final ProtoType VM_CONFIG = message(P + "VmConfig")
        .field("env", listOf(message(P + "EnvVar").field("name", STRING)
            .field("valueFrom", enumOf(P + "EnvValueSource", "INLINE", "HOST")).field("value", STRING)));
    static final ProtoType TRAFFIC_SELECTOR = message(P + "WasmPlugin.TrafficSelector")
        .field("mode", enumOf("istio.type.v1beta1.WorkloadMode", "UNDEFINED", "CLIENT", "SERVER", "CLIENT_AND_SERVER"))
        .field("ports", listOf(NetworkingTypes.PORT_SELECTOR));

    static final ProtoType SPEC = PolicyTargets.withTargets(message(P + "WasmPlugin"), true)
        .fields(STRING, "url", "sha256", "imagePullSecret", "verificationKey", "pluginName")
        .field("imagePullPolicy", PULL_POLICY)
        .field("pluginConfig", STRUCT)
        .field("phase", PLUGIN_PHASE)
        .field("priority", INT32)
        .field("failStrategy", FAIL_STRATEGY)
        .field("vmConfig", VM_CONFIG)
        .field("match", listOf(TRAFFIC_SELECTOR))
        .field("type", PLUGIN_TYPE);

    private static final Set<String> URL_SCHEMES = Set.of("", "file", "http", "https", "oci");

    @Override
    public String group() {
        return "extensions.istio.io";
    }

    @Override
    public String kind() {
        return "WasmPlugin";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        PolicyTargets.check(spec, findings);
        validateWasmFields(spec, 255, findings);
        addIfPresent(findings, matchError(Json.list(spec, "match")));
    }

    /**
     * url, sha256, imagePullSecret, pluginName and vmConfig rules. {@code pluginNameLimitInMessage} is the limit the
     * message states (WasmPlugin says 255 while enforcing 256, §5.14; TrafficExtension says 256).
     */
    static void validateWasmFields(JsonNode wasm, int pluginNameLimitInMessage, Findings findings) {
        addIfPresent(findings, urlError(Json.str(wasm, "url")));
        addIfPresent(findings, sha256Error(Json.str(wasm, "sha256")));
        if (Json.str(wasm, "imagePullSecret").length() > 253) {
            findings.error("imagePullSecret field must be less than 253 characters long");
        }
        if (Json.str(wasm, "pluginName").length() > 256) {
            findings.error("pluginName field must be less than " + pluginNameLimitInMessage + " characters long");
        }
        addIfPresent(findings, vmConfigError(Json.get(wasm, "vmConfig")));
    }

    private static void addIfPresent(Findings findings, String e) {
        if (e != null) {
            findings.error(e);
        }
    }

    /** {@code validateWasmPluginURL} with Istio's strict parse (request URI, else with {@code http://} prepended). */
    static String urlError(String url) {
        if (url.isEmpty()) {
            return "url field needs to be set";
        }
        GoUrl.Parsed parsed;
        String strict = url;
        try {
            parsed = GoUrl.parseRequestUri(url);
        } catch (GoUrl.UrlException first) {
            strict = "http://" + url;
            try {
                parsed = GoUrl.parseRequestUri(strict);
            } catch (GoUrl.UrlException e) {
                return "failed to parse url: " + first.getMessage();
            }
        }
        try {
            GoUrl.parse(strict);
        } catch (GoUrl.UrlException e) {
            return "failed to strict parse url: " + e.getMessage();
        }
        if (!URL_SCHEMES.contains(parsed.scheme())) {
            return "url contains unsupported scheme: " + parsed.scheme();
        }
        return null;
    }

    static String sha256Error(String sha) {
        if (sha.isEmpty()) {
            return null;
        }
        if (sha.getBytes(StandardCharsets.UTF_8).length != 64) {
            return "sha256 field must be 64 characters long";
        }
        for (int i = 0; i < sha.length(); i++) {
            char c = sha.charAt(i);
            if (!((c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'))) {
                return "sha256 field must match [a-f0-9]{64} pattern";
            }
        }
        return null;
    }

    /** {@code validateWasmPluginVMConfig}: the first problem only. */
    static String vmConfigError(JsonNode vm) {
        Set<String> names = new HashSet<>();
        for (JsonNode env : Json.list(vm, "env")) {
            String name = Json.str(env, "name");
            if (name.isEmpty()) {
                return "spec.vmConfig.env invalid";
            }
            if (name.length() > 256) {
                return "env.name field must be less than 255 characters long";
            }
            if (!names.add(name)) {
                return "duplicate env";
            }
            if (!Json.enumName(env, "valueFrom", "INLINE").equals("INLINE") && !Json.str(env, "value").isEmpty()) {
                return "value may only be set when valueFrom is INLINE";
            }
        }
        return null;
    }

    /** {@code validateWasmPluginMatch}: the first problem only. */
    static String matchError(List<JsonNode> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            List<JsonNode> ports = Json.list(selectors.get(i), "ports");
            for (int j = 0; j < ports.size(); j++) {
                long n = Json.lng(ports.get(j), "number");
                if (n <= 0 || n > 65535) {
                    return "spec.Match[" + i + "].Ports[" + j + "] is out of range: " + n;
                }
            }
        }
        return null;
    }
}
