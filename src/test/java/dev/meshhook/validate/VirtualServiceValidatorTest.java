package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.allowed;
import static dev.meshhook.validate.ValidationCases.denied;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualServiceValidatorTest {

    @Test
    void table() {
        assertAll(ValidationCases.check("networking.istio.io/v1", "VirtualService", "vs", "ns", List.of(
            allowed("simple route", "hosts: [reviews]\nhttp: [{route: [{destination: {host: reviews, subset: v1}}]}]"),
            denied("mesh wildcard", "hosts: ['*']\nhttp: [{route: [{destination: {host: reviews}}]}]",
                "wildcard host * is not allowed for virtual services bound to the mesh gateway"),
            denied("mesh listed with a gateway is still a mesh VS", "hosts: ['*']\ngateways: [mesh, ns/gw]\nhttp: [{route: [{destination: {host: r}}]}]",
                "wildcard host * is not allowed for virtual services bound to the mesh gateway"),
            allowed("gateway wildcard", "hosts: ['*']\ngateways: [ns/gw]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
            denied("overlapping hosts", "hosts: [a.com, '*.com']\nhttp: [{route: [{destination: {host: r}}]}]",
                "duplicate hosts in virtual service: a.com & *.com"),
            denied("no routes", "hosts: [a.com]", "http, tcp or tls must be provided in virtual service"),
            denied("bad uri regex", "hosts: [a.com]\nhttp: [{match: [{uri: {regex: '(abc'}}], route: [{destination: {host: r}}]}]",
                "\"uri\": error parsing regexp: missing closing ): `(abc`; Istio uses RE2 style regex-based match "
                    + "(https://github.com/google/re2/wiki/Syntax)"),
            allowed("empty uri prefix is fine", "hosts: [a.com]\nhttp: [{match: [{uri: {prefix: ''}}], route: [{destination: {host: r}}]}]"),
            denied("empty header prefix", "hosts: [a.com]\nhttp: [{match: [{headers: {x: {prefix: ''}}}], route: [{destination: {host: r}}]}]",
                "\"headers\": prefix string match should not be empty"),
            allowed("withoutHeaders regex * means present",
                "hosts: [a.com]\nhttp: [{match: [{withoutHeaders: {x: {regex: '*'}}}], route: [{destination: {host: r}}]}]"),
            allowed("two match-less rules warn", "hosts: [a.com]\nhttp:\n- route: [{destination: {host: r}}]\n- route: [{destination: {host: s}}]",
                "virtualService rule #1 not used (only the last rule can have no matches)"),
            allowed("duplicate matches warn", """
                hosts: [a.com]
                http:
                - name: first
                  match: [{uri: {exact: /a}}]
                  route: [{destination: {host: r}}]
                - match: [{name: again, uri: {exact: /a}}]
                  route: [{destination: {host: r}}]
                """,
                "virtualService rule #1 match \"again\" is not used (duplicate/overlapping match in rule \"first\")",
                "virtualService rule #1 not used (all matches used by prior rules)"),
            allowed("prefix overlap warns", """
                hosts: [a.com]
                http:
                - match: [{uri: {prefix: /api}}]
                  route: [{destination: {host: r}}]
                - match: [{uri: {prefix: /api/v1}}]
                  route: [{destination: {host: r}}]
                """,
                "virtualService rule #1 match #0 of prefix /api/v1 is not used (duplicate/overlapping match in rule #0 of prefix /api on #0)"),
            denied("delegate with gateways", "gateways: [ns/gw]\nhttp: [{route: [{destination: {host: r}}]}]",
                "delegate virtual service must have no gateways specified"),
            denied("root route with route", "hosts: [a.com]\nhttp: [{delegate: {name: d}, route: [{destination: {host: r}}]}]",
                "root HTTP route  must not specify route"),
            denied("redirect with route", "hosts: [a.com]\nhttp: [{redirect: {uri: /x}, route: [{destination: {host: r}}]}]",
                "HTTP route cannot contain both route and redirect"),
            denied("redirect bad code", "hosts: [a.com]\nhttp: [{redirect: {uri: /x, redirectCode: 200}}]",
                "200 is not a valid redirect code, must be 3xx"),
            denied("fault without abort or delay", "hosts: [a.com]\nhttp: [{fault: {}, route: [{destination: {host: r}}]}]",
                "1 error occurred:\n\t* HTTP fault injection must have an abort and/or a delay\n\n"),
            denied("fault percentage", "hosts: [a.com]\nhttp: [{fault: {abort: {httpStatus: 500, percentage: {value: 101}}}, route: [{destination: {host: r}}]}]",
                "percentage 101 is neither 0.0, nor in range [0.0001, 100.0]"),
            denied("grpc status", "hosts: [a.com]\nhttp: [{fault: {abort: {grpcStatus: NOPE}}, route: [{destination: {host: r}}]}]",
                "gRPC status \"NOPE\" is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list "
                    + "of supported codes, for example 'NOT_FOUND'"),
            allowed("http status 600 accepted", "hosts: [a.com]\nhttp: [{fault: {abort: {httpStatus: 600}}, route: [{destination: {host: r}}]}]"),
            denied("mirror percentage", "hosts: [a.com]\nhttp: [{mirror: {host: m}, mirrorPercentage: {value: 101}, route: [{destination: {host: r}}]}]",
                "mirror_percentage must have a max value of 100 (it has 101.000000)"),
            denied("cors max age", "hosts: [a.com]\nhttp: [{corsPolicy: {maxAge: 1500ms}, route: [{destination: {host: r}}]}]",
                "1 error occurred:\n\t* max_age duration is accurate only to seconds precision\n\n"),
            denied("retry on", "hosts: [a.com]\nhttp: [{retries: {attempts: 3, retryOn: '5xx,503,bogus'}, route: [{destination: {host: r}}]}]",
                "\"bogus\" is not a valid retryOn policy"),
            denied("timeout precision", "hosts: [a.com]\nhttp: [{timeout: 1500us, route: [{destination: {host: r}}]}]",
                "only durations to ms precision are supported"),
            denied("rewrite regex needs both", "hosts: [a.com]\nhttp: [{rewrite: {uriRegexRewrite: {match: '^/a'}}, route: [{destination: {host: r}}]}]",
                "UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified"),
            denied("authority twice", "hosts: [a.com]\nhttp: [{rewrite: {authority: x}, headers: {request: {set: {host: y}}}, route: [{destination: {host: r}}]}]",
                "authority header cannot be set multiple times: have \"x\", attempting to set \"y\""),
            denied("bad header value", "hosts: [a.com]\nhttp: [{headers: {response: {add: {x: 'abc%1'}}}, route: [{destination: {host: r}}]}]",
                "header value configuration: invalid header configuration. Un-terminated variable expression 'abc%1'"),
            denied("zero weights", "hosts: [a.com]\nhttp: [{route: [{destination: {host: r}}, {destination: {host: s}}]}]",
                "total destination weight = 0"),
            denied("jwt claim without gateway", "hosts: [a.com]\nhttp: [{match: [{headers: {'@request.auth.claims.g': {exact: a}}}], route: [{destination: {host: r}}]}]",
                "JWT claim based routing (key: @request.auth.claims.g) is only supported for gateway, found no gateways: []"),
            denied("sni not subset", "hosts: [a.com]\ntls: [{match: [{sniHosts: [b.com]}], route: [{destination: {host: r}}]}]",
                "SNI host \"b.com\" is not a compatible subset of any of the virtual service hosts: [a.com]"),
            allowed("sni ip warns", "hosts: ['*']\ngateways: [ns/gw]\ntls: [{match: [{sniHosts: [1.2.3.4]}], route: [{destination: {host: r}}]}]",
                "using an IP address (\"1.2.3.4\") goes against SNI spec and most clients do not support this"),
            denied("tcp needs route", "hosts: [a.com]\ntcp: [{match: [{port: 80}]}]", "TCP route is required"),
            denied("large direct response", "hosts: [a.com]\nhttp: [{directResponse: {status: 200, body: {string: '"
                + "x".repeat(1024 * 1024 + 1) + "'}}}]",
                "large direct_responses may impact control plane performance, must be less than 1MB")
        )));
    }
}
