package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** §2.1 shared validators: names, addresses, headers, regexes, exportTo. */
class SharedValidatorsTest {

    @Test
    void wildcardDomainsNameOnlyTheRemainder() {
        assertNull(Hosts.wildcardDomain("*"));
        assertNull(Hosts.wildcardDomain("*.foo.com"));
        assertNull(Hosts.wildcardDomain("foo"));
        assertNull(Hosts.wildcardDomain("Foo.COM."));
        assertEquals("domain name \"bar_x.com\" invalid (label \"bar_x\" invalid)", Hosts.wildcardDomain("foo.bar_x.com"));
        assertEquals("domain name \"2.3.4\" invalid (top level domain \"4\" cannot be all-numeric)", Hosts.wildcardDomain("1.2.3.4"));
        assertEquals("domain name \"*.com\" invalid (label \"*\" invalid)", Hosts.wildcardDomain("foo.*.com"));
        assertEquals("empty domain name not allowed", Hosts.wildcardDomain(""));
        assertEquals("domain name \"" + "a".repeat(256) + "\" too long (max 255)", Hosts.wildcardDomain("a".repeat(256)));
        assertEquals("domain name \"a.-1\" invalid (top level domain \"-1\" cannot be all-numeric)", Hosts.fqdn("a.-1"));
        assertEquals("partial wildcard \"*x.com\" not allowed", Hosts.partialWildcard("*x.com"));
        assertNull(Hosts.partialWildcard("*.x.com"));
    }

    @Test
    void autoPassthroughSniNames() {
        assertNull(Hosts.gatewayBoundDomain(true, "outbound_.80_._.foo.com"));
        assertEquals("domain name outbound_.80 invalid, should follow 'outbound_.<PORT>_._.<HOSTNAME>' format",
                Hosts.gatewayBoundDomain(true, "outbound_.80"));
        assertEquals("domain name \"outbound_.x_._.foo.com\" invalid (label \"x\" invalid). should follow "
                + "outbound_.<PORT>_._.<HOSTNAME> format", Hosts.gatewayBoundDomain(true, "outbound_.x_._.foo.com"));
    }

    @Test
    void gatewayNamesStopAfterTheFirstLegacyName() {
        Findings f = new Findings();
        Hosts.gatewayNames(List.of("gw.ns", "bad/_x_"), false, f);
        assertEquals(List.of("using legacy gatewayName format \"gw.ns\"; prefer the <namespace>/<name> format: \"ns/gw\""),
                f.warnings());
        assertFalse(f.hasErrors());
        Findings g = new Findings();
        Hosts.gatewayNames(List.of("ns/", "a_b/c"), false, g);
        assertEquals(List.of("config namespace and gateway name cannot be empty", "invalid value for gateway name: \"\"",
                "invalid value for namespace: \"a_b\""), g.errors());
    }

    @Test
    void goNetipAddresses() {
        for (String ok : new String[] {"1.2.3.4", "::", "::1", "fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::"}) {
            assertTrue(Addresses.isIp(ok), ok);
        }
        for (String bad : new String[] {"010.0.0.1", "1.2.3", "1.2.3.256", "1.2.3.4.5", "", "a.b.c.d", "1::2::3", "fe80::1%",
            "12345::", "1:2:3:4:5:6:7:8:9"}) {
            assertFalse(Addresses.isIp(bad), bad);
        }
        assertNull(Addresses.ipSubnet("10.0.0.1/8"));
        assertNull(Addresses.ipSubnet("2001:db8::/32"));
        assertEquals("10.0.0.0/33 is not a valid CIDR block", Addresses.ipSubnet("10.0.0.0/33"));
        assertEquals("10.0.0.0/08 is not a valid CIDR block", Addresses.ipSubnet("10.0.0.0/08"));
        assertEquals("1.2.3 is not a valid IP", Addresses.ipSubnet("1.2.3"));
        assertEquals("a/b is not an absolute path to a file", Addresses.unixAddress("a/b"));
        assertNull(Addresses.unixAddress("@abstract"));
        assertEquals("unsupported protocol: HBONE", Addresses.protocol("HBONE"));
        assertNull(Addresses.protocol("grpc-WEB"));
    }

    @Test
    void headerNamesAndValues() {
        assertNull(Headers.matchHeaderName("x-a,b"), "the +-. range admits ','");
        assertNull(Headers.matchHeaderName(":authority"));
        assertNull(Headers.matchHeaderName("@request.auth.claims.group"));
        assertNull(Headers.matchHeaderName("@request.auth.claims[a][b]"));
        assertEquals("header name x y is not a valid header name", Headers.matchHeaderName("x y"));
        assertEquals("header name cannot be empty", Headers.corsHeaderName(""));
        assertNull(Headers.requestAddSetName(":authority"));
        assertEquals("invalid header \":path\": header cannot have \":\" prefix", Headers.requestAddSetName(":path"));
        assertEquals("invalid header \"Host\": cannot set Host header", Headers.strictHostHeaderName("Host"));
        for (String ok : new String[] {"foo", "%HOSTNAME%", "100%%", "a %REQ(x-id)% b", "%PER_REQUEST_STATE([\"a\",\"b\"])%", "tab\there"}) {
            assertNull(Headers.headerValue(ok), ok);
        }
        assertEquals("header value configuration: invalid header configuration. Un-terminated variable expression 'abc%123'",
                Headers.headerValue("abc%123"));
        assertEquals("header value configuration: invalid header configuration. Un-escaped %", Headers.headerValue("%START_TIME%%"));
        assertEquals("header value configuration: invalid header configuration. Expecting '\"'", Headers.headerValue("%X([a])%"));
        assertEquals("header value configuration a\nb is invalid", Headers.headerValue("a\nb"));
    }

    @Test
    void regexesAreRe2() {
        assertNull(StringMatches.regexError("^/api/v[0-9]+", "uri"));
        String lookahead = StringMatches.regexError("(?=x)", "uri");
        assertTrue(lookahead.startsWith("\"uri\": error parsing regexp:"), lookahead);
        assertTrue(lookahead.endsWith("; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)"));
        assertEquals("\"headers\": regex string match should not be empty", StringMatches.regexError("", "headers"));
        assertEquals("\"uri\": regex is too large, max length allowed is 1024", StringMatches.regexError("a".repeat(1025), "uri"));
    }

    @Test
    void exportTo() {
        Findings f = new Findings();
        ExportTo.validate("ns", List.of("ns", ".", "*", "~", "Bad_"), false, false, f);
        assertEquals(List.of("duplicate entries in exportTo: . and current namespace ns",
                "exportTo ~ (none) is not allowed for Istio configuration objects",
                "only .,*, or a valid DNS 1123 label is allowed as exportTo entry",
                "cannot have both public (*) and non-public exportTo values for a resource"), f.errors());
        Findings se = new Findings();
        ExportTo.validate("ns", List.of("~", "a"), true, false, se);
        assertEquals(List.of("cannot export service entry to no one (~) and someone"), se.errors());
        Findings dr = new Findings();
        ExportTo.validate("ns", List.of("other"), false, true, dr);
        assertEquals(List.of("destination rule with workload selector cannot have exportTo beyond current namespace"), dr.errors());
    }
}
