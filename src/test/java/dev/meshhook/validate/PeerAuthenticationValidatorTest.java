package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PeerAuthentication table (validation-spec §2.2.10, facts from Istio's TestValidatePeerAuthentication). */
class PeerAuthenticationValidatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty spec | {} | ok
        selector of empty labels | {"selector":{}} | warn:workload selector specified without labels
        selector with labels | {"selector":{"matchLabels":{"app":"httpbin"}}} | ok
        empty port level mtls | {"selector":{"matchLabels":{"app":"httpbin"}},"portLevelMtls":{}} | msg:port level mTLS, if defined, must have at least one element
        empty selector with port level | {"portLevelMtls":{"8080":{"mode":"UNSET"}}} | msg:mesh/namespace peer authentication cannot have port level mTLS
        selector without labels with port level | {"selector":{},"portLevelMtls":{"8080":{"mode":"DISABLE"}}} | err:mesh/namespace peer authentication cannot have port level mTLS
        port 0 | {"selector":{"matchLabels":{"app":"a"}},"portLevelMtls":{"0":{"mode":"STRICT"}}} | msg:port must be in range 1..65535
        port too high | {"selector":{"matchLabels":{"foo":"bar"}},"portLevelMtls":{"42949672":{"mode":"STRICT"}}} | msg:port must be in range 1..65535
        port not numeric | {"selector":{"matchLabels":{"foo":"bar"}},"portLevelMtls":{"http":{"mode":"STRICT"}}} | err:error decoding configuration
        unset mode | {"mtls":{"mode":"UNSET"}} | ok
        numeric mode | {"mtls":{"mode":3}} | ok
        bad mode | {"mtls":{"mode":"BLAH"}} | err:error decoding configuration: unknown value
        port level | {"selector":{"matchLabels":{"app":"httpbin"}},"mtls":{"mode":"PERMISSIVE"},"portLevelMtls":{"8080":{"mode":"STRICT"}}} | ok
        wildcard selector | {"selector":{"matchLabels":{"app":"*"}}} | msg:wildcard is not supported in selector: "app=*"
        """)
    void table(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("security.istio.io/v1beta1", "PeerAuthentication", "pa", "bar", spec, null), expectation);
    }
}
