package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AuthorizationPolicy table (validation-spec §2.2.9, facts from Istio's TestValidateAuthorizationPolicy). */
class AuthorizationPolicyValidatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        good | {"selector":{"matchLabels":{"app":"httpbin","version":"v1"}},"rules":[{"from":[{"source":{"principals":["sa1"]}},{"source":{"principals":["sa2"]}}],"to":[{"operation":{"methods":["GET"]}},{"operation":{"methods":["POST"]}}],"when":[{"key":"source.ip","values":["1.2.3.4","5.6.7.0/24"]},{"key":"request.headers[:authority]","values":["v1","v2"]}]}]} | ok
        good serviceAccounts | {"rules":[{"from":[{"source":{"serviceAccounts":["ns1/sa1","ns2/sa2"]}},{"source":{"principals":["sa2"]}}]}]} | ok
        serviceAccounts and namespaces | {"rules":[{"from":[{"source":{"serviceAccounts":["ns1/sa1"],"namespaces":["ns"]}}]}]} | msg:invalid policy p.ns: cannot set serviceAccounts with namespaces or principals, found at rule 0
        serviceAccount wildcard | {"rules":[{"from":[{"source":{"serviceAccounts":["ns/*"]}}]}]} | msg:invalid policy p.ns: wildcard not allowed, found in ServiceAccounts
        serviceAccount too many slashes | {"rules":[{"from":[{"source":{"notServiceAccounts":["a/b/c"]}}]}]} | msg:invalid policy p.ns: expected format 'serviceAccount' or 'namespace/serviceAccount', found "a/b/c" in NotServiceAccounts
        serviceAccount empty namespace | {"rules":[{"from":[{"source":{"serviceAccounts":["/sa"]}}]}]} | err:found empty namespace "/sa" in ServiceAccounts
        serviceAccount empty name | {"rules":[{"from":[{"source":{"serviceAccounts":["ns/"]}}]}]} | err:found empty serviceAccount "ns/" in ServiceAccounts
        trust domain two wildcards | {"rules":[{"from":[{"source":{"trustDomains":["*a*"]}}]}]} | msg:invalid policy p.ns: at most one wildcard is allowed, found in TrustDomains: "*a*"
        trust domain inner wildcard | {"rules":[{"from":[{"source":{"trustDomains":["a*b"]}}]}]} | err:wildcard is only allowed at the start or end, found in TrustDomains: "a*b"
        trust domain slash | {"rules":[{"from":[{"source":{"notTrustDomains":["a/b"]}}]}]} | err:trust domain must not contain '/', found in NotTrustDomains: "a/b"
        custom good | {"action":"CUSTOM","provider":{"name":"my-custom-authz"},"rules":[{}]} | ok
        custom empty provider | {"action":"CUSTOM","provider":{"name":""},"rules":[{}]} | msg:invalid policy p.ns: `provider.name` must not be empty
        custom nil provider | {"action":"CUSTOM","rules":[{}]} | err:`provider.name` must not be empty
        custom without rules | {"action":"CUSTOM","provider":{"name":"x"}} | msg:invalid policy p.ns: CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request
        custom empty rules list | {"action":"CUSTOM","provider":{"name":"x"},"rules":[]} | err:CUSTOM action without `rules` is meaningless
        custom invalid rule | {"action":"CUSTOM","provider":{"name":"x"},"rules":[{"from":[{"source":{"namespaces":["ns"],"requestPrincipals":["r"]}}],"when":[{"key":"request.auth.claims[a]","values":["c"]}]}]} | msg:3 errors occurred:\\n\\t* invalid policy p.ns: From.Namespaces is currently not supported with CUSTOM action\\n\\t* invalid policy p.ns: From.RequestPrincipals is currently not supported with CUSTOM action\\n\\t* invalid policy p.ns: request.auth.claims[a] is currently not supported with CUSTOM action\\n\\n
        provider with ALLOW | {"action":"ALLOW","provider":{"name":""},"rules":[{}]} | msg:invalid policy p.ns: `provider` must not be with non CUSTOM action, found ALLOW
        allow rules nil | {"action":"ALLOW"} | ok
        audit rules nil | {"action":"AUDIT"} | ok
        deny rules nil | {"action":"DENY"} | msg:invalid policy p.ns: DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request
        selector empty value | {"selector":{"matchLabels":{"app":"","version":"v1"}}} | ok
        selector empty key | {"selector":{"matchLabels":{"app":"httpbin","":"v1"}}} | msg:invalid policy p.ns: empty key is not supported in selector: "=v1"
        selector empty labels | {"selector":{}} | warn:workload selector specified without labels
        selector wildcard value | {"selector":{"matchLabels":{"app":"httpbin-*"}}} | err:wildcard is not supported in selector: "app=httpbin-*"
        target ref good | {"action":"DENY","targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo"},"rules":[{"from":[{"source":{"principals":["temp"]}}],"to":[{"operation":{"ports":["8080"],"methods":["GET"]}}]}]} | ok
        target refs service | {"action":"DENY","targetRefs":[{"group":"","kind":"Service","name":"foo"}],"rules":[{"to":[{"operation":{"ports":["8080"]}}]}]} | ok
        target ref namespace | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo","namespace":"bar"}} | msg:invalid policy p.ns: targetRef namespace must not be set; cross namespace referencing is not supported
        target ref wrong kind | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"wrong-kind","name":"foo"}} | err:but was gateway.networking.k8s.io/wrong-kind
        target ref and selector | {"targetRef":{"kind":"Service","name":"foo"},"selector":{"matchLabels":{"app":"a"}}} | msg:invalid policy p.ns: only one of targetRefs or workloadSelector can be set
        source nil | {"rules":[{"from":[{}]}]} | msg:invalid policy p.ns: `from.source` must not be nil, found at rule 0
        source empty | {"rules":[{"from":[{"source":{}}]}]} | msg:invalid policy p.ns: `from.source` must not be empty, found at rule 0
        operation nil | {"rules":[{},{"to":[{}]}]} | msg:invalid policy p.ns: `to.operation` must not be nil, found at rule 1
        operation empty | {"rules":[{"to":[{"operation":{}}]}]} | msg:invalid policy p.ns: `to.operation` must not be empty, found at rule 0
        principals empty value | {"rules":[{"from":[{"source":{"principals":["p1",""]}}]}]} | msg:invalid policy p.ns: empty value not allowed, found in Principals
        not remote ip blocks empty | {"rules":[{"from":[{"source":{"notRemoteIpBlocks":["1.2.3.4",""]}}]}]} | err:empty value not allowed, found in NotRemoteIpBlocks
        hosts empty | {"rules":[{"to":[{"operation":{"hosts":["host",""]}}]}]} | msg:invalid policy p.ns: empty value not allowed, found in Hosts
        not paths empty | {"rules":[{"to":[{"operation":{"notPaths":["/path",""]}}]}]} | err:empty value not allowed, found in NotPaths
        bad ip is list form | {"rules":[{"from":[{"source":{"ipBlocks":["1.2.3"]}}]}]} | msg:1 error occurred:\\n\\t* invalid policy p.ns: bad IP address (1.2.3)\\n\\n
        bad cidr | {"rules":[{"from":[{"source":{"remoteIpBlocks":["1.2.3.4/33"]}}]}]} | msg:1 error occurred:\\n\\t* invalid policy p.ns: bad CIDR range (1.2.3.4/33): netip.ParsePrefix("1.2.3.4/33"): prefix length out of range\\n\\n
        bad ips and ports | {"rules":[{"from":[{"source":{"ipBlocks":["1.2.3.4","ip1"],"notIpBlocks":["5.6.7.8","ip2"]}}],"to":[{"operation":{"ports":["80","port1"],"notPorts":["90","port2"]}}]}]} | msg:4 errors occurred:\\n\\t* invalid policy p.ns: bad IP address (ip1)\\n\\t* invalid policy p.ns: bad IP address (ip2)\\n\\t* invalid policy p.ns: bad port (port1): strconv.ParseUint: parsing "port1": invalid syntax\\n\\t* invalid policy p.ns: bad port (port2): strconv.ParseUint: parsing "port2": invalid syntax\\n\\n
        port out of range | {"rules":[{"to":[{"operation":{"ports":["65536"]}}]}]} | msg:1 error occurred:\\n\\t* invalid policy p.ns: bad port (65536): <nil>\\n\\n
        port zero accepted | {"rules":[{"to":[{"operation":{"ports":["0"]}}]}]} | ok
        path template ok | {"rules":[{"to":[{"operation":{"paths":["/foo/{*}/bar/{**}"]}}]}]} | ok
        path template not last | {"rules":[{"to":[{"operation":{"paths":["/foo/{**}/bar/{*}"]}}]}]} | msg:invalid policy p.ns: invalid or unsupported path foo/{**}/bar/{*}, found in Paths. {**} is not the last operator
        path template braces | {"rules":[{"to":[{"operation":{"notPaths":["/foo/{bar}"]}}]}]} | msg:invalid policy p.ns: invalid or unsupported path foo/{bar}, found in NotPaths. Contains '{' or '}' beyond a supported path template
        path template literal | {"rules":[{"to":[{"operation":{"paths":["/foo/a*b/{*}"]}}]}]} | msg:invalid policy p.ns: invalid or unsupported path foo/a*b/{*}, found in Paths. Contains segment a*b with invalid string literal
        plain path with star | {"rules":[{"to":[{"operation":{"paths":["/foo*"]}}]}]} | ok
        value empty | {"rules":[{"when":[{"key":"request.headers[:authority]","values":["v1",""]}]}]} | msg:invalid policy p.ns: invalid `value` for `key` request.headers[:authority]: empty value not allowed, found in request.headers[:authority]
        condition key missing | {"rules":[{"when":[{"values":["v1"]}]}]} | msg:invalid policy p.ns: `key` must not be empty
        condition value missing | {"rules":[{"when":[{"key":"source.principal"}]}]} | msg:invalid policy p.ns: at least one of `values` or `notValues` must be set for key source.principal
        condition value invalid ip | {"rules":[{"when":[{"key":"source.ip","values":["a.b.c.d"]}]}]} | msg:invalid policy p.ns: invalid `value` for `key` source.ip: 1 error occurred:\\n\\t* bad IP address (a.b.c.d)\\n\\n
        condition notValue invalid ip | {"rules":[{"when":[{"key":"remote.ip","notValues":["a.b.c.d"]}]}]} | err:invalid `notValue` for `key` remote.ip
        condition unknown | {"rules":[{"when":[{"key":"foo","values":["x"]}]}]} | msg:2 errors occurred:\\n\\t* invalid policy p.ns: invalid `value` for `key` foo: unknown attribute: foo\\n\\t* invalid policy p.ns: invalid `notValue` for `key` foo: unknown attribute: foo\\n\\n
        condition bad map key | {"rules":[{"when":[{"key":"request.headers[]","values":["x"]}]}]} | err:bad key (request.headers[]): should have format a[b]
        condition destination namespace | {"rules":[{"when":[{"key":"destination.namespace","values":["x"]}]}]} | err:attribute destination.namespace is replaced by the metadata.namespace
        condition destination labels | {"rules":[{"when":[{"key":"destination.labels[app]","values":["x"]}]}]} | err:attribute destination.labels[app] is replaced by the workload selector
        condition destination user | {"rules":[{"when":[{"key":"destination.user","values":["x"]}]}]} | err:deprecated attribute destination.user: only supported in v1alpha1
        condition destination port | {"rules":[{"when":[{"key":"destination.port","values":["70000"]}]}]} | err:bad port (70000): <nil>
        condition service account | {"rules":[{"when":[{"key":"source.serviceAccount","values":["a/b/c"]}]}]} | err:found "a/b/c" in source.serviceAccount
        condition trust domain slash allowed | {"rules":[{"when":[{"key":"source.trustDomain","values":["a/b"]}]}]} | ok
        condition known keys | {"rules":[{"when":[{"key":"source.namespace","values":["a"]},{"key":"request.auth.principal","values":["a"]},{"key":"request.auth.audiences","values":["a"]},{"key":"request.auth.presenter","values":["a"]},{"key":"connection.sni","values":["a"]},{"key":"experimental.envoy.filters.a.b[c]","values":["a"]}]}]} | ok
        deny L7 from only | {"action":"DENY","selector":{"matchLabels":{"app":"a"}},"rules":[{"from":[{"source":{"requestPrincipals":["example.com/sub-1"]}}]}]} | warn:configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port
        deny L7 to only | {"action":"DENY","selector":{"matchLabels":{"app":"a"}},"rules":[{"to":[{"operation":{"methods":["GET"]}}]}]} | warn:will deny all traffic to TCP ports
        deny L7 from and to | {"action":"DENY","selector":{"matchLabels":{"app":"a"}},"rules":[{"from":[{"source":{"principals":["temp"]}}],"to":[{"operation":{"methods":["GET"]}}]}]} | warn:will deny all traffic to TCP ports
        deny with port | {"action":"DENY","selector":{"matchLabels":{"app":"a"}},"rules":[{"from":[{"source":{"principals":["temp"]}}],"to":[{"operation":{"ports":["8080"],"methods":["GET"]}}]}]} | ok
        deny tcp from only | {"action":"DENY","rules":[{"from":[{"source":{"ipBlocks":["1.2.3.4"]}}]}]} | ok
        bad enum | {"action":"BLOCK"} | err:error decoding configuration
        """)
    void table(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("security.istio.io/v1", "AuthorizationPolicy", "p", "ns", spec, null), expectation);
    }

    @ParameterizedTest(name = "dry-run {0}")
    @CsvSource(delimiter = '|', textBlock = """
        true allow | true | {"action":"ALLOW"} | ok
        false deny | false | {"action":"DENY","rules":[{}]} | ok
        invalid value | foo | {"action":"ALLOW"} | msg:ns/p has annotation istio.io/dry-run with invalid value (foo): strconv.ParseBool: parsing "foo": invalid syntax
        custom action | true | {"action":"CUSTOM"} | msg:the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action CUSTOM in ns/p
        audit action | true | {"action":"AUDIT"} | err:found action AUDIT
        """)
    void dryRun(String name, String value, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("security.istio.io/v1beta1", "AuthorizationPolicy", "p", "ns", spec,
            "{\"istio.io/dry-run\":\"" + value + "\"}"), expectation);
    }
}
