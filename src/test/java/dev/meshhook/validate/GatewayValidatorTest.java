package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.allowed;
import static dev.meshhook.validate.ValidationCases.denied;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayValidatorTest {

    private static final String HTTP = "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]";

    @Test
    void table() {
        assertAll(ValidationCases.check("networking.istio.io/v1", "Gateway", "gw", "ns", List.of(
            allowed("http", HTTP),
            denied("no servers", "{}", "gateway must have at least one server"),
            denied("https without tls", "servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.com]}]",
                "server must have TLS settings for HTTPS/TLS protocols"),
            denied("short host", "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [foo]}]",
                "short names (non FQDN) are not allowed"),
            allowed("ip host", "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [1.2.3.4]}]"),
            denied("bad protocol", "servers: [{port: {number: 80, name: http, protocol: HBONE}, hosts: [a.com]}]",
                "invalid protocol \"HBONE\", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP"),
            denied("port name", "servers: [{port: {number: 80, protocol: HTTP}, hosts: [a.com]}]",
                "port name must be set: number:80 protocol:\"HTTP\""),
            denied("simple tls needs certs", "servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.com], tls: {mode: SIMPLE}}]",
                "2 errors occurred:\n\t* SIMPLE TLS requires a server certificate\n\t* SIMPLE TLS requires a private key\n\n"),
            allowed("credential name", "servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.com], tls: {mode: SIMPLE, credentialName: c}}]"),
            denied("istio mutual with cert", "servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.com], tls: {mode: ISTIO_MUTUAL, credentialName: c}}]",
                "ISTIO_MUTUAL TLS cannot have associated credentialName"),
            allowed("http redirect on http", "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.com], tls: {httpsRedirect: true}}]"),
            denied("tls on tcp", "servers: [{port: {number: 80, name: tcp, protocol: TCP}, hosts: [a.com], tls: {httpsRedirect: true}}]",
                "server cannot have TLS settings for non HTTPS/TLS ports"),
            allowed("ciphers warn", "servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.com], tls: {mode: SIMPLE, credentialName: c, "
                + "minProtocolVersion: TLSV1_1, cipherSuites: [BOGUS, AES128-SHA, AES128-SHA]}}]",
                "ignoring invalid cipher suites: [BOGUS]", "ignoring duplicate cipher suites: [AES128-SHA]"),
            denied("unix bind port", "servers: [{port: {number: 80, name: http, protocol: HTTP}, bind: 'unix:///sock', hosts: [a.com]}]",
                "port number must be 0 for unix domain socket: number:80 protocol:\"HTTP\" name:\"http\""),
            allowed("unix bind zero", "servers: [{port: {number: 0, name: http, protocol: HTTP}, bind: 'unix:///sock', hosts: [a.com]}]"),
            denied("bad namespace", "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['a_b/a.com']}]",
                "invalid namespace value \"a_b\" in gateway")
        )));
    }

    @Test
    void nameMustBeADnsLabelUnlessGatewaySemantics() {
        assertEquals("configuration is invalid: invalid gateway name: \"my.gw\"",
                ValidationCases.validate(ValidationCases.object("networking.istio.io/v1", "Gateway", "my.gw", "ns", HTTP)).message());
        var obj = ValidationCases.yaml("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: my.gw, namespace: ns, "
                + "annotations: {internal.istio.io/gateway-semantics: gateway}}\nspec: {" + HTTP + "}");
        assertEquals(true, ValidationCases.validate(obj).allowed());
    }
}
