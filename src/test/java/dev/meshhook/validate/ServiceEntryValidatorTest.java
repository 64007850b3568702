package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.allowed;
import static dev.meshhook.validate.ValidationCases.denied;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceEntryValidatorTest {

    private static final String TCP = "ports: [{number: 5432, name: tcp, protocol: TCP}]";

    @Test
    void resolutionMatrix() {
        assertAll(ValidationCases.check("networking.istio.io/v1", "ServiceEntry", "se", "ns", List.of(
            allowed("none without addresses warns", "hosts: [a.com]\nresolution: NONE\n" + TCP,
                "addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled"),
            allowed("dns auto-allocates", "hosts: [a.com]\nresolution: DNS\n" + TCP),
            denied("dns multiple hosts tcp", "hosts: [a.com, b.com]\nresolution: DNS\n" + TCP,
                "multiple hosts provided with non-HTTP, non-TLS ports"),
            allowed("dns multiple hosts http", "hosts: [a.com, b.com]\nresolution: DNS\nports: [{number: 80, name: http, protocol: HTTP}]"),
            denied("no hosts", TCP, "service entry must have at least one host"),
            denied("wildcard host", "hosts: ['*']\nresolution: DNS\nports: [{number: 80, name: http, protocol: HTTP}]",
                "2 errors occurred:\n\t* invalid host *\n\t* hosts must be FQDN or contain only prefix wildcards if no endpoints are "
                    + "provided for resolution mode DNS, domain name \"*\" invalid (label \"*\" invalid)\n\n"),
            denied("none with endpoints", "hosts: [a.com]\naddresses: [10.0.0.1]\nresolution: NONE\nendpoints: [{address: 1.1.1.1}]\n" + TCP,
                "no endpoints should be provided for resolution type none"),
            denied("static fqdn endpoint", "hosts: [a.com]\naddresses: [10.0.0.1]\nresolution: STATIC\nendpoints: [{address: b.com}]\n" + TCP,
                "endpoint address \"b.com\" is not a valid IP address"),
            denied("static endpoint port", "hosts: [a.com]\naddresses: [10.0.0.1]\nresolution: STATIC\nendpoints: [{address: 1.1.1.1, ports: {http: 8080}}]\n" + TCP,
                "endpoint port 8080 is not defined by the service entry"),
            denied("cidr with dns", "hosts: [a.com]\naddresses: [10.0.0.0/8]\nresolution: DNS\n" + TCP,
                "CIDR addresses are allowed only for NONE/STATIC resolution types"),
            denied("round robin endpoints", "hosts: [a.com]\nresolution: DNS_ROUND_ROBIN\nendpoints: [{address: b.com}, {address: c.com}]\n" + TCP,
                "there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN"),
            denied("dynamic dns", "hosts: [a.com]\nresolution: DYNAMIC_DNS\naddresses: [1.1.1.1]\n" + TCP,
                "3 errors occurred:\n\t* host must be wildcarded for resolution mode DYNAMIC_DNS\n"
                    + "\t* addresses cannot be set for resolution type DYNAMIC_DNS. HTTP route domains will only be generatedfrom the hosts field values\n"
                    + "\t* only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type DYNAMIC_DNS\n\n"),
            allowed("dynamic dns partial wildcard is fine", "hosts: ['*x.com']\nresolution: DYNAMIC_DNS\nports: [{number: 80, name: http, protocol: HTTP}]"),
            denied("duplicate ports", "hosts: [a.com]\nresolution: DNS\nports: [{number: 80, name: http, protocol: HTTP}, {number: 80, name: http, protocol: HTTP}]",
                "2 errors occurred:\n\t* service entry port name \"http\" already defined\n\t* service entry port 80 already defined\n\n"),
            denied("selector and endpoints", "hosts: [a.com]\nresolution: STATIC\nworkloadSelector: {labels: {app: a}}\nendpoints: [{address: 1.1.1.1}]\n"
                + "ports: [{number: 80, name: http, protocol: HTTP}]",
                "only one of WorkloadSelector or Endpoints is allowed in Service Entry"),
            denied("unsupported resolution number", "hosts: [a.com]\nresolution: 9\nports: [{number: 80, name: http, protocol: HTTP}]",
                "unsupported resolution type "),
            allowed("exportTo none", "hosts: [a.com]\nresolution: DNS\nexportTo: ['~']\nports: [{number: 80, name: http, protocol: HTTP}]")
        )));
    }
}
