package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.allowed;
import static dev.meshhook.validate.ValidationCases.denied;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationRuleValidatorTest {

    @Test
    void table() {
        assertAll(ValidationCases.check("networking.istio.io/v1", "DestinationRule", "dr", "ns", List.of(
            allowed("short host", "host: reviews"),
            denied("empty host", "host: ''", "empty domain name not allowed"),
            denied("empty policy", "host: r\ntrafficPolicy: {}", "traffic policy must have at least one field"),
            denied("tunnel and proxy protocol", "host: r\ntrafficPolicy: {tunnel: {targetHost: a.com, targetPort: 80}, proxyProtocol: {}}",
                "tunnel and proxyProtocol must not be set together"),
            denied("empty pool", "host: r\ntrafficPolicy: {connectionPool: {}}", "connection pool must have at least one field"),
            denied("maglev zero", "host: r\ntrafficPolicy: {loadBalancer: {consistentHash: {maglev: {tableSize: 0}}}}",
                "2 errors occurred:\n\t* tableSize must be set for maglev\n\t* tableSize must be a prime number for maglev\n\n"),
            allowed("maglev prime", "host: r\ntrafficPolicy: {loadBalancer: {consistentHash: {maglev: {tableSize: 65537}}}}"),
            denied("locality weights", "host: r\ntrafficPolicy: {loadBalancer: {localityLbSetting: {distribute: [{from: a/b, to: {'a/*': 50}}]}}}",
                "total locality weight 50 != 100"),
            denied("locality overlap", "host: r\ntrafficPolicy: {loadBalancer: {localityLbSetting: {distribute: [{from: a, to: {x: 100}}, {from: a/b, to: {y: 100}}]}}, outlierDetection: {}}",
                "locality a/b overlap with previous specified ones"),
            allowed("failover without outlier detection warns", "host: r\ntrafficPolicy: {loadBalancer: {localityLbSetting: {failover: [{from: a, to: b}]}}}",
                "outlier detection policy must be provided for failover"),
            denied("mutual client tls", "host: r\ntrafficPolicy: {tls: {mode: MUTUAL}}",
                "2 errors occurred:\n\t* client certificate required for mutual tls\n\t* private key required for mutual tls\n\n"),
            denied("configmap credential namespace", "host: r\ntrafficPolicy: {tls: {mode: SIMPLE, credentialName: 'configmap://other/ca'}}",
                "invalid configmap:// credentialName: namespace must match the configuration namespace \"ns\""),
            denied("subset name", "host: r\nsubsets: [{name: 'v_1'}]", "subset name is invalid: v_1"),
            allowed("subset warnings are dropped", "host: r\nsubsets: [{name: v1, trafficPolicy: {outlierDetection: {consecutiveErrors: 5}}}]"),
            allowed("top-level warnings are kept", "host: r\ntrafficPolicy: {outlierDetection: {consecutiveErrors: 5}}",
                "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead"),
            denied("port level needs a field", "host: r\ntrafficPolicy: {portLevelSettings: [{port: {number: 80}}]}",
                "port traffic policy must have at least one field"),
            denied("selector exportTo", "host: r\nworkloadSelector: {matchLabels: {app: a}}\nexportTo: ['*']",
                "destination rule with workload selector cannot have exportTo beyond current namespace"),
            allowed("selector without labels warns", "host: r\nworkloadSelector: {}", "workload selector specified without labels"),
            denied("tcp idle timeout 0 is allowed but 1us is not", "host: r\ntrafficPolicy: {connectionPool: {tcp: {idleTimeout: 0s, connectTimeout: 1us}}}",
                "duration must be greater than 1ms")
        )));
    }
}
