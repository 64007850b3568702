package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Telemetry table (validation-spec §2.2.12, facts from Istio's TestValidateTelemetry and TestValidateTelemetryFilter). */
class TelemetryValidatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty | {} | ok
        multiple providers | {"tracing":[{"providers":[{"name":"a"},{"name":"b"}]}]} | warn:multiple providers is not currently supported
        multiple tracers | {"tracing":[{},{}]} | warn:multiple tracing is not currently supported
        bad sampling | {"tracing":[{"randomSamplingPercentage":101}]} | msg:randomSamplingPercentage must be in range [0.0, 100.0]
        negative sampling | {"tracing":[{"randomSamplingPercentage":-1}]} | err:randomSamplingPercentage
        good custom tag | {"tracing":[{"customTags":{"clusterID":{"environment":{"name":"FOO"}}}}]} | ok
        empty environment tag | {"tracing":[{"customTags":{"clusterID":{"environment":{}}}}]} | msg:environment tag name may not be empty
        empty literal tag | {"tracing":[{"customTags":{"a":{"literal":{"value":""}}}}]} | msg:literal tag value may not be empty
        empty header tag | {"tracing":[{"customTags":{"a":{"header":{"defaultValue":"x"}}}}]} | msg:header tag name may not be empty
        empty tag name | {"tracing":[{"customTags":{"":{"literal":{"value":"v"}}}}]} | msg:tag name may not be empty
        empty provider name | {"tracing":[{"providers":[{"name":""}]}]} | msg:providers.name may not be empty
        upsert without value | {"metrics":[{"overrides":[{"tagOverrides":{"my-tag":{"operation":"UPSERT","value":""}}}]}]} | msg:tagOverrides.value must be set when operation is UPSERT
        default operation without value | {"metrics":[{"overrides":[{"tagOverrides":{"my-tag":{}}}]}]} | err:tagOverrides.value must be set when operation is UPSERT
        remove with value | {"metrics":[{"overrides":[{"tagOverrides":{"my-tag":{"operation":"REMOVE","value":"x"}}}]}]} | msg:tagOverrides.value may only be set when operation is UPSERT
        good metrics operation | {"metrics":[{"overrides":[{"tagOverrides":{"my-tag":{"operation":"UPSERT","value":"some-cel-expression"}}}]}]} | ok
        empty tag override name warns | {"metrics":[{"overrides":[{"tagOverrides":{"":{"value":"x"}}}]}]} | warn:tagOverrides.name may not be empty
        empty custom metric | {"metrics":[{"overrides":[{"match":{"customMetric":""}}]}]} | msg:customMetric may not be empty
        metric enum | {"metrics":[{"overrides":[{"match":{"metric":"GRPC_REQUEST_MESSAGES"},"disabled":true}],"reportingInterval":"5s"}]} | ok
        bad metric enum | {"metrics":[{"overrides":[{"match":{"metric":"NOPE"}}]}]} | err:error decoding configuration
        metrics empty provider | {"metrics":[{"providers":[{}]}]} | msg:providers.name may not be empty
        multi access loggings | {"accessLogging":[{"providers":[{"name":"envoy"}]},{"providers":[{"name":"otel"}]}]} | ok
        access log empty provider | {"accessLogging":[{"providers":[{"name":"envoy"},{"name":""}]}]} | msg:providers.name may not be empty
        filter ok | {"accessLogging":[{"filter":{"expression":"response.code >= 400"}}]} | ok
        filter method call | {"accessLogging":[{"filter":{"expression":"connection.mtls && request.url_path.contains('v1beta3')"}}]} | ok
        filter not boolean still parses | {"accessLogging":[{"filter":{"expression":"response.code"}}]} | ok
        filter syntax error | {"accessLogging":[{"filter":{"expression":")++++"}}]} | err:must be a valid CEL expression, ERROR: <input>:1:1: Syntax error: mismatched input ')'
        filter unterminated string | {"accessLogging":[{"filter":{"expression":"'abc"}}]} | err:Syntax error: token recognition error
        filter empty expression | {"accessLogging":[{"filter":{}}]} | err:must be a valid CEL expression
        good targetRef | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo"}} | ok
        targetRef empty name | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway"}} | msg:targetRef name must be set
        targetRef namespace | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo","namespace":"bar"}} | msg:targetRef namespace must not be set; cross namespace referencing is not supported
        targetRef and selector | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"wrong-kind","name":"foo"},"selector":{"matchLabels":{"app":"httpbin"}}} | err:only one of targetRefs or workloadSelector can be set
        tracing sampling 10 | {"tracing":[{"randomSamplingPercentage":10.0}]} | ok
        reporting interval bad | {"metrics":[{"reportingInterval":"5x"}]} | err:error decoding configuration: bad Duration
        """)
    void table(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("telemetry.istio.io/v1", "Telemetry", "foo", "bar", spec, null), expectation);
    }
}
