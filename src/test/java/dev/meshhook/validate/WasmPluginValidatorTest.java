package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WasmPlugin and TrafficExtension tables (validation-spec §2.2.13, §2.2.14; facts from TestValidateWasmPlugin). */
class WasmPluginValidatorTest {
    private static final String SHA = "01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty | {} | msg:url field needs to be set
        null spec | null | msg:url field needs to be set
        wrong scheme | {"url":"ftp://test.com/test"} | msg:url contains unsupported scheme: ftp
        fake scheme | {"url":"fake://example.com"} | msg:url contains unsupported scheme: fake
        valid http | {"url":"http://test.com/test"} | ok
        valid https | {"url":"https://test.com/test.wasm"} | ok
        valid file | {"url":"file:///opt/filters/openid.wasm"} | ok
        valid oci | {"url":"oci://test.com/test"} | ok
        oci no scheme | {"url":"test.com/test"} | ok
        oci no scheme with tag | {"url":"ghcr.io/org/img:tag"} | ok
        host port without scheme | {"url":"registry:5000/img"} | msg:url contains unsupported scheme: registry
        oci registry port | {"url":"oci://private-registry:5000/openid-connect/openid:latest"} | ok
        lax retry accepts odd url | {"url":"http://[::1"} | ok
        bad escape | {"url":"%zz"} | msg:failed to parse url: parse "%zz": invalid URI for request
        space in host | {"url":"foo bar"} | msg:failed to parse url: parse "foo bar": invalid URI for request
        colon first segment | {"url":":foo"} | msg:failed to parse url: parse ":foo": missing protocol scheme
        short sha | {"url":"http://test.com/test","sha256":"01ba47"} | msg:sha256 field must be 64 characters long
        invalid sha characters | {"url":"http://test.com/test","sha256":"01Ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b"} | msg:sha256 field must match [a-f0-9]{64} pattern
        long pull secret | {"url":"http://t/x","imagePullSecret":"%s"} | msg:imagePullSecret field must be less than 253 characters long
        long plugin name | {"url":"http://t/x","pluginName":"%p"} | msg:pluginName field must be less than 255 characters long
        empty env name | {"url":"test.com/test","vmConfig":{"env":[{"name":"","valueFrom":"HOST"}]}} | msg:spec.vmConfig.env invalid
        duplicate env | {"url":"test.com/test","vmConfig":{"env":[{"name":"ENV1","value":"VAL1"},{"name":"ENV1","value":"VAL1"}]}} | msg:duplicate env
        host env with value | {"url":"test.com/test","vmConfig":{"env":[{"name":"A","valueFrom":"HOST","value":"x"}]}} | msg:value may only be set when valueFrom is INLINE
        good env | {"url":"test.com/test","vmConfig":{"env":[{"name":"POD_NAME","valueFrom":"HOST"},{"name":"TRUST_DOMAIN","value":"cluster.local"}]}} | ok
        match port out of range | {"url":"test.com/test","match":[{"mode":"CLIENT","ports":[{"number":80}]},{"ports":[{"number":80},{"number":70000}]}]} | msg:spec.Match[1].Ports[1] is out of range: 70000
        match port missing number | {"url":"test.com/test","match":[{"ports":[{}]}]} | msg:spec.Match[0].Ports[0] is out of range: 0
        target ref good | {"url":"http://test.com/test","targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo"}} | ok
        target ref service | {"url":"http://test.com/test","targetRef":{"group":"","kind":"Service","name":"foo"}} | ok
        target ref namespace | {"url":"http://test.com/test","targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo","namespace":"bar"}} | msg:targetRef namespace must not be set; cross namespace referencing is not supported
        target ref and selector | {"url":"http://test.com/test","targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo"},"selector":{"matchLabels":{"app":"httpbin"}}} | msg:only one of targetRefs or workloadSelector can be set
        selector wildcard key | {"url":"http://test","selector":{"matchLabels":{"istio*":"bar"}}} | msg:wildcard is not supported in selector: "istio*=bar"
        full | {"selector":{"matchLabels":{"istio":"ingressgateway"}},"url":"file:///opt/filters/openid.wasm","sha256":"%h","phase":"AUTHN","pluginConfig":{"openid_server":"authn"},"failStrategy":"FAIL_OPEN","imagePullPolicy":"Always","type":"NETWORK"} | ok
        bad phase | {"url":"http://t/x","phase":"LATE"} | err:error decoding configuration
        """)
    void wasmPlugin(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("extensions.istio.io/v1alpha1", "WasmPlugin", "foo", "bar", fill(spec), null), expectation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        wasm | {"selector":{"matchLabels":{"istio":"ingressgateway"}},"wasm":{"url":"oci://r:5000/x:latest","imagePullPolicy":"IfNotPresent"}} | ok
        lua | {"targetRefs":[{"kind":"Service","name":"reviews"}],"match":[{"mode":"SERVER"}],"lua":{"inlineCode":"function envoy_on_request(h) end"}} | ok
        lua with phase | {"selector":{"matchLabels":{"app":"productpage"}},"phase":"AUTHN","lua":{"inlineCode":"function envoy_on_request(h) end"}} | ok
        bad phase | {"phase":"LATER","lua":{"inlineCode":"x"}} | err:error decoding configuration
        neither | {} | msg:exactly one of wasm or lua must be set
        both | {"wasm":{"url":"http://a/b"},"lua":{"inlineCode":"x"}} | msg:exactly one of wasm or lua must be set
        empty lua | {"lua":{"inlineCode":""}} | msg:lua.inlineCode cannot be empty
        lua too large | {"lua":{"inlineCode":"%l"}} | msg:lua.inlineCode exceeds maximum size of 64KB
        wasm without url | {"wasm":{}} | msg:url field needs to be set
        wasm long plugin name | {"wasm":{"url":"http://a/b","pluginName":"%p"}} | msg:pluginName field must be less than 256 characters long
        wasm bad sha | {"wasm":{"url":"http://a/b","sha256":"abc"}} | msg:sha256 field must be 64 characters long
        selector and targetRefs | {"lua":{"inlineCode":"x"},"selector":{"matchLabels":{"a":"b"}},"targetRefs":[{"kind":"Service","name":"s"}]} | msg:only one of targetRefs or workloadSelector can be set
        bad targetRef kind | {"lua":{"inlineCode":"x"},"targetRefs":[{"kind":"Pod","name":"s"}]} | err:but was /Pod
        match port | {"lua":{"inlineCode":"x"},"match":[{"ports":[{"number":0}]}]} | msg:spec.Match[0].Ports[0] is out of range: 0
        """)
    void trafficExtension(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("extensions.istio.io/v1alpha1", "TrafficExtension", "foo", "bar", fill(spec), null),
            expectation);
    }

    private static String fill(String spec) {
        return spec.replace("%s", "s".repeat(254)).replace("%p", "p".repeat(257)).replace("%h", SHA)
            .replace("%l", "x".repeat(65537));
    }
}
