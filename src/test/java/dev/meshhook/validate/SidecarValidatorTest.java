package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.allowed;
import static dev.meshhook.validate.ValidationCases.denied;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import org.junit.jupiter.api.Test;

class SidecarValidatorTest {

    @Test
    void table() {
        assertAll(ValidationCases.check("networking.istio.io/v1", "Sidecar", "sc", "ns", List.of(
            allowed("default", "egress: [{hosts: ['./*', 'istio-system/*']}]"),
            denied("empty", "{}", "sidecar: empty configuration provided"),
            denied("bad selector aborts", "workloadSelector: {labels: {app: '*'}}\negress: [{hosts: [bad]}]",
                "wildcard is not supported in selector: \"app=*\""),
            denied("host form", "egress: [{hosts: [foo, bar/baz]}]",
                "2 errors occurred:\n\t* host must be of form namespace/dnsName\n\t* short names (non FQDN) are not allowed\n\n"),
            denied("bad host reported twice like Istio", "egress: [{hosts: ['ns/a_b.com']}]",
                "2 errors occurred:\n\t* domain name \"a_b.com\" invalid (label \"a_b\" invalid)\n"
                    + "\t* domain name \"a_b.com\" invalid (label \"a_b\" invalid)\n\n"),
            allowed("duplicate egress hosts warn", "egress: [{hosts: ['ns/a.com', 'ns/*', '*/*']}]",
                "duplicated egress host: ns/*", "`*/*` host select all resources, no other hosts can be added"),
            denied("catch-all not last", "egress: [{hosts: ['*/*']}, {port: {number: 80, protocol: HTTP, name: h}, hosts: ['*/*']}]",
                "sidecar: the egress listener with empty port should be the last listener in the list"),
            denied("uds needs unix bind", "egress: [{port: {number: 0, protocol: HTTP, name: h}, hosts: ['*/*']}]",
                "sidecar: ports with 0 value must have a unix domain socket bind address"),
            denied("ingress port required", "ingress: [{defaultEndpoint: '127.0.0.1:80'}]", "sidecar: port is required for ingress listeners"),
            denied("default endpoint host", "ingress: [{port: {number: 80, protocol: HTTP, name: h}, defaultEndpoint: '1.2.3.4:80'}]",
                "sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset"),
            denied("default endpoint no port", "ingress: [{port: {number: 80, protocol: HTTP, name: h}, defaultEndpoint: foo}]",
                "address foo: missing port in address"),
            allowed("default endpoint ipv6", "ingress: [{port: {number: 80, protocol: HTTP, name: h}, defaultEndpoint: '[::1]:8080'}]"),
            denied("ingress tls mode", "ingress: [{port: {number: 443, protocol: HTTPS, name: h}, tls: {mode: ISTIO_MUTUAL}}]",
                "configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls"),
            allowed("http pool on tcp port warns", "ingress: [{port: {number: 80, protocol: TCP, name: t}, connectionPool: {http: {maxRetries: 1}}}]",
                "sidecar: HTTP connection pool settings are configured for port 80 (\"t\") but its protocol is not HTTP (TCP); only TCP settings will apply"),
            denied("egress proxy mode", "outboundTrafficPolicy: {egressProxy: {host: a.com, port: {number: 80}}}",
                "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode"),
            denied("egress proxy port", "outboundTrafficPolicy: {mode: ALLOW_ANY, egressProxy: {host: a.com}}",
                "sidecar: egress_proxy port must be non-nil"),
            denied("dynamic dns mode", "outboundTrafficPolicy: {mode: 2}",
                "sidecar: ALLOW_ANY_DYNAMIC_DNS mode is only supported in MeshConfig, not in Sidecar resource")
        )));
    }
}
