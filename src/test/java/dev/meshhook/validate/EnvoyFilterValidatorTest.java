package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EnvoyFilter table (validation-spec §2.2.5, facts from Istio's TestValidateEnvoyFilter). */
class EnvoyFilterValidatorTest {
    private static final String LISTENER_HCM = "{\"listener\":{\"filterChain\":{\"filter\":{\"name\":\"envoy.filters.network.http_connection_manager\"}}}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty filters | {} | warn:EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.
        selector without labels | {"workloadSelector":{}} | warn:Envoy filter: workload selector specified without labels, will be applied to all services in namespace
        selector wildcard | {"workloadSelector":{"labels":{"app":"a*"}}} | msg:wildcard is not supported in selector: "app=a*"
        invalid applyTo | {"configPatches":[{"applyTo":"INVALID"}]} | msg:Envoy filter: missing applyTo
        null patch entry | {"configPatches":[null]} | msg:Envoy filter: missing applyTo
        nil patch | {"configPatches":[{"applyTo":"LISTENER"}]} | msg:Envoy filter: missing patch
        invalid operation | {"configPatches":[{"applyTo":"LISTENER","patch":{}}]} | msg:Envoy filter: missing patch operation
        nil value | {"configPatches":[{"applyTo":"LISTENER","patch":{"operation":"ADD"}}]} | msg:Envoy filter: missing patch value for non-remove operation
        invalid regex | {"configPatches":[{"applyTo":"LISTENER","match":{"proxy":{"proxyVersion":"%#@~++==`24c234`"}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: invalid regex for proxy version, [error parsing regexp: invalid nested repetition operator: `++`]
        valid regex | {"configPatches":[{"applyTo":"LISTENER","match":{"proxy":{"proxyVersion":"release-1\\\\.2-23434"}},"patch":{"operation":"REMOVE"}}]} | warn:EnvoyFilter exposes internal
        long proxy version | {"configPatches":[{"applyTo":"LISTENER","match":{"proxy":{"proxyVersion":"%v"}},"patch":{"operation":"REMOVE"}}]} | warn:Envoy filter: proxyVersion match exceeds 1024 characters and will be ignored
        listener with cluster match | {"configPatches":[{"applyTo":"LISTENER","match":{"cluster":{}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: applyTo for listener class objects cannot have non listener match
        filter without name | {"configPatches":[{"applyTo":"NETWORK_FILTER","match":{"listener":{"filterChain":{"sni":"124","filter":{}}}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: filter match has no name to match on
        sub filter with network filter | {"configPatches":[{"applyTo":"NETWORK_FILTER","match":{"listener":{"filterChain":{"filter":{"name":"random","subFilter":{}}}}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only
        sub filter without hcm | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"listener":{"filterChain":{"filter":{"name":"random","subFilter":{}}}}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: subfilter match requires filter match with envoy.filters.network.http_connection_manager
        sub filter without name | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"listener":{"filterChain":{"filter":{"name":"envoy.filters.network.http_connection_manager","subFilter":{}}}}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: subfilter match has no name to match on
        filter match with listener | {"configPatches":[{"applyTo":"LISTENER","match":{"listener":{"filterChain":{"filter":{"name":"envoy.filters.network.tcp_proxy"}}}},"patch":{"operation":"REMOVE"}}]} | warn:Envoy filter: filter match has no effect when used with LISTENER
        route config with cluster match | {"configPatches":[{"applyTo":"VIRTUAL_HOST","match":{"cluster":{}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: applyTo for http route class objects cannot have non route configuration match
        cluster with listener match | {"configPatches":[{"applyTo":"CLUSTER","match":{"listener":{}},"patch":{"operation":"REMOVE"}}]} | msg:Envoy filter: applyTo for cluster class objects cannot have non cluster match
        invalid patch value | {"configPatches":[{"applyTo":"CLUSTER","match":{"cluster":{}},"patch":{"operation":"ADD","value":{"name":false}}}]} | msg:Envoy filter: json: cannot unmarshal bool into Go value of type string
        happy config | {"configPatches":[{"applyTo":"CLUSTER","match":{"cluster":{}},"patch":{"operation":"ADD","value":{"lb_policy":"RING_HASH"}}},{"applyTo":"NETWORK_FILTER","match":{"listener":{"filterChain":{"name":"envoy.tcp_proxy"}}},"patch":{"operation":"INSERT_BEFORE","value":{"typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz"}}}}]} | warn:EnvoyFilter exposes internal
        bad enum in value | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"ADD","value":{"lb_policy":"NOPE"}}}]} | err:Envoy filter: unknown value
        v2 type | {"configPatches":[{"applyTo":"NETWORK_FILTER","match":{"listener":{"filterChain":{"name":"envoy.tcp_proxy"}}},"patch":{"operation":"INSERT_FIRST","value":{"typed_config":{"@type":"type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz"}}}}]} | msg:referenced type unknown (hint: try using the v3 XDS API): Envoy filter: could not resolve Any message type: type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz
        unknown type | {"configPatches":[{"applyTo":"HTTP_FILTER","patch":{"operation":"ADD","value":{"name":"x","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope"}}}}]} | msg:referenced type unknown: Envoy filter: could not resolve Any message type: type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope
        deprecated filter name | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"listener":{"filterChain":{"filter":{"name":"envoy.http_connection_manager"}}}},"patch":{"operation":"INSERT_FIRST","value":{}}}]} | warn:using deprecated filter name "envoy.http_connection_manager"; use "envoy.filters.network.http_connection_manager" instead
        deprecated sub filter name | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"listener":{"filterChain":{"filter":{"name":"envoy.filters.network.http_connection_manager","subFilter":{"name":"envoy.router"}}}}},"patch":{"operation":"INSERT_BEFORE","value":{"name":"a","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}}}]} | warn:using deprecated filter name "envoy.router"; use "envoy.filters.http.router" instead
        duration in go syntax | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"ADD","value":{"dns_refresh_rate":"500ms","connect_timeout":"1m30s"}}}]} | warn:EnvoyFilter exposes internal
        bad duration | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"ADD","value":{"connect_timeout":"soon"}}}]} | msg:Envoy filter: bad Duration: time: invalid duration "soon"
        unknown field warns | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"MERGE","value":{"name":"c","not_a_field":1}}}]} | warn:Envoy filter: unknown field "not_a_field" in envoy.config.cluster.v3.Cluster
        missing typed config warns | {"configPatches":[{"applyTo":"NETWORK_FILTER","patch":{"operation":"INSERT_FIRST","value":{"name":"envoy.filters.network.tcp_proxy"}}}]} | warn:using deprecated types by name without typed_config; envoy.filters.network.tcp_proxy
        typed struct wrapper | {"configPatches":[{"applyTo":"HTTP_FILTER","patch":{"operation":"ADD","value":{"name":"w","typed_config":{"@type":"type.googleapis.com/udpa.type.v1.TypedStruct","type_url":"type.googleapis.com/x","value":{"a":1}}}}}]} | warn:EnvoyFilter exposes internal
        istio own type accepted | {"configPatches":[{"applyTo":"HTTP_FILTER","patch":{"operation":"ADD","value":{"name":"istio.alpn","typed_config":{"@type":"type.googleapis.com/istio.envoy.config.filter.http.alpn.v2alpha1.FilterConfig","alpn_override":[]}}}}]} | warn:EnvoyFilter exposes internal
        nested any in listener | {"configPatches":[{"applyTo":"LISTENER","patch":{"operation":"ADD","value":{"name":"l","filter_chains":[{"filters":[{"name":"hcm","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager","stat_prefix":"x","http_filters":[{"name":"r","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}],"stream_idle_timeout":"5m"}}]}]}}}]} | warn:EnvoyFilter exposes internal
        nested type error | {"configPatches":[{"applyTo":"NETWORK_FILTER","patch":{"operation":"ADD","value":{"name":"hcm","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager","stat_prefix":7}}}}]} | msg:Envoy filter: json: cannot unmarshal number into Go value of type string
        unknown applyTo number | {"configPatches":[{"applyTo":42,"patch":{"operation":"ADD","value":{}}}]} | msg:Envoy filter: unknown object type for applyTo 42
        waypoint context skipped | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"context":"WAYPOINT","listener":{"filterChain":{"filter":{"name":"envoy.filters.network.http_connection_manager","subFilter":{"name":"envoy.filters.http.router"}}}}}}]} | warn:EnvoyFilter exposes internal
        waypoint match outside waypoint context | {"configPatches":[{"applyTo":"HTTP_FILTER","match":{"context":"SIDECAR_INBOUND","waypoint":{"filter":{"name":"envoy.filters.network.http_connection_manager"}}}}]} | msg:Envoy filter: missing patch
        remove with value decodes | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"REMOVE","value":{"name":true}}}]} | err:Envoy filter: json: cannot unmarshal bool
        merge and replace list | {"configPatches":[{"applyTo":"NETWORK_FILTER","match":{"listener":{"filterChain":{"transportProtocol":"tls"}}},"patch":{"operation":"MERGE_AND_REPLACE_LIST","value":{"name":"envoy.filters.network.http_connection_manager","typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager","upgrade_configs":[{"upgrade_type":"websocket"}]}}}}]} | warn:EnvoyFilter exposes internal
        add cluster by name | {"configPatches":[{"applyTo":"CLUSTER","patch":{"operation":"ADD","value":{"name":"lua_cluster"}}}]} | warn:EnvoyFilter exposes internal
        waypoint cluster remove | {"configPatches":[{"applyTo":"CLUSTER","match":{"context":"WAYPOINT","waypoint":{}},"patch":{"operation":"REMOVE"}}]} | warn:EnvoyFilter exposes internal
        bad context | {"configPatches":[{"applyTo":"LISTENER","match":{"context":"SOMEWHERE"},"patch":{"operation":"REMOVE"}}]} | err:error decoding configuration
        """)
    void table(String name, String spec, String expectation) throws Exception {
        String filled = spec.replace("%v", "v".repeat(1025));
        SecCases.check(name, SecCases.run("networking.istio.io/v1alpha3", "EnvoyFilter", "foo", "bar", filled, null), expectation);
    }

    @Test
    void ext_proc_http_filter_from_crd_samples() throws Exception {
        String spec = "{\"configPatches\":[{\"applyTo\":\"HTTP_FILTER\",\"match\":" + LISTENER_HCM + ",\"patch\":{\"operation\":"
            + "\"INSERT_FIRST\",\"value\":{\"name\":\"envoy.filters.http.ext_proc\",\"typed_config\":{\"@type\":"
            + "\"type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor\",\"failure_mode_allow\":false,"
            + "\"processing_mode\":{\"request_header_mode\":\"SEND\",\"request_body_mode\":\"FULL_DUPLEX_STREAMED\"},"
            + "\"grpc_service\":{\"envoy_grpc\":{\"cluster_name\":\"outbound|9000||ext-proc.default.svc.cluster.local\"},"
            + "\"timeout\":\"0.25s\"}}}}}]}";
        ValidationOutcome out = SecCases.run("networking.istio.io/v1alpha3", "EnvoyFilter", "f", "default", spec, null);
        assertTrue(out.allowed(), out.toString());
        assertEquals(java.util.List.of(EnvoyFilterValidator.INTERNALS_WARNING), out.warnings());
    }

    @Test
    void canonicalDurations() {
        assertEquals("1.5s", EnvoyPatches.canonicalDuration(1_500_000_000L));
        assertEquals("0s", EnvoyPatches.canonicalDuration(0));
        assertEquals("-0.000000001s", EnvoyPatches.canonicalDuration(-1));
        assertEquals("90s", EnvoyPatches.canonicalDuration(90_000_000_000L));
    }
}
