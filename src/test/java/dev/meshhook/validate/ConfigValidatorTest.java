package dev.meshhook.validate;

import static dev.meshhook.validate.ValidationCases.object;
import static dev.meshhook.validate.ValidationCases.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission decision (§1.4), decoding (§1.6), metadata checks (§1.7) and message format (§1.5). */
class ConfigValidatorTest {
    private final ConfigValidator v = new ConfigValidator();
    private static final String GW_SPEC = """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["*"]
            """;

    private ValidationOutcome create(JsonNode obj) {
        return v.review(ValidationRequest.create(obj));
    }

    @Test
    void onlyCreateAndUpdateAreValidated() {
        JsonNode bad = object("networking.istio.io/v1", "Gateway", "gw", "ns", "{}");
        for (String op : new String[] {"DELETE", "CONNECT", "", null}) {
            ValidationOutcome o = v.review(new ValidationRequest(op, false, bad, "Gateway", "ns"));
            assertTrue(o.allowed(), "op " + op);
            assertEquals(ValidationOutcome.REASON_UNSUPPORTED_OPERATION, o.reason());
            assertTrue(o.warnings().isEmpty());
        }
        ValidationOutcome upd = v.review(new ValidationRequest("UPDATE", false, bad, "Gateway", "ns"));
        assertFalse(upd.allowed());
        assertEquals("configuration is invalid: gateway must have at least one server", upd.message());
        assertEquals(ValidationOutcome.REASON_INVALID_RESOURCE, upd.reason());
    }

    @Test
    void dryRunGivesTheSameDecision() {
        JsonNode bad = object("networking.istio.io/v1", "Gateway", "gw", "ns", "{}");
        ValidationOutcome wet = v.review(new ValidationRequest("CREATE", false, bad, "Gateway", "ns"));
        ValidationOutcome dry = v.review(new ValidationRequest("CREATE", true, bad, "Gateway", "ns"));
        assertEquals(wet, dry);
    }

    @Test
    void missingObjectAndBadMetadataAreDecodeErrors() {
        ValidationOutcome o = v.review(new ValidationRequest("CREATE", false, null, "Gateway", "ns"));
        assertEquals("cannot decode configuration: unexpected end of JSON input", o.message());
        assertEquals(ValidationOutcome.REASON_YAML_DECODE_ERROR, o.reason());
        ObjectNode obj = (ObjectNode) object("networking.istio.io/v1", "Gateway", "gw", "ns", GW_SPEC);
        ((ObjectNode) obj.get("metadata")).put("name", 5);
        ValidationOutcome bad = create(obj);
        assertFalse(bad.allowed());
        assertTrue(bad.message().startsWith("cannot decode configuration: json: cannot unmarshal number"), bad.message());
    }

    @Test
    void kindsResolveByGroupAndKindIgnoringVersion() {
        assertTrue(create(object("networking.istio.io/v9", "Gateway", "gw", "ns", GW_SPEC)).allowed());
        ValidationOutcome foo = create(object("networking.istio.io/v1", "Foo", "x", "ns", "{}"));
        assertEquals("unrecognized type networking.istio.io/v1, Kind=Foo", foo.message());
        assertEquals(ValidationOutcome.REASON_UNKNOWN_TYPE, foo.reason());
        assertEquals("unrecognized type v1, Kind=ConfigMap", create(object("v1", "ConfigMap", "x", "ns", "{}")).message());
    }

    @Test
    void gatewayApiKindsGetMetadataChecksOnly() {
        ValidationOutcome ok = create(object("gateway.networking.k8s.io/v1", "HTTPRoute", "r", "ns", "anything: [1, 2]"));
        assertTrue(ok.allowed());
        assertNull(ok.reason());
        JsonNode rejected = yaml("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: g, namespace: ns, annotations: {"internal.istio.io/parents": x}}
                spec: {}
                """);
        assertEquals("configuration is invalid: \"internal.istio.io/parents\" annotation found, this may not be set by users",
                create(rejected).message());
    }

    @Test
    void metadataChecksComeFirstAndAlone() {
        JsonNode obj = yaml("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: my.gw
                  namespace: ns
                  annotations: {"istio.io/dry-run": "true", "internal.istio.io/webhook-always-reject": "x"}
                spec: {}
                """);
        assertEquals("configuration is invalid: ns/my.gw has unsupported annotation istio.io/dry-run, please remove the annotation",
                create(obj).message());
        ((ObjectNode) obj.get("metadata").get("annotations")).remove("istio.io/dry-run");
        assertEquals("configuration is invalid: \"internal.istio.io/webhook-always-reject\" annotation found, rejecting",
                create(obj).message());
    }

    @Test
    void unknownTopLevelFieldIsRejectedAfterSpecValidation() {
        ObjectNode obj = (ObjectNode) object("networking.istio.io/v1", "Gateway", "gw", "ns", GW_SPEC);
        obj.put("foo", 1);
        ValidationOutcome o = v.review(new ValidationRequest("CREATE", false, obj, "Gateway", "req-ns"));
        assertEquals("unknown field \"foo\" on Gateway resource req-ns/gw", o.message());
        ((ObjectNode) obj.get("spec")).remove("servers");
        assertEquals("configuration is invalid: gateway must have at least one server", create(obj).message());
    }

    @Test
    void multipleErrorsUseTheMultierrorListFormat() {
        ValidationOutcome o = create(object("networking.istio.io/v1", "Sidecar", "s", "ns",
                "egress: [{hosts: [foo, bar/baz]}]"));
        assertEquals("configuration is invalid: 2 errors occurred:\n\t* host must be of form namespace/dnsName\n"
                + "\t* short names (non FQDN) are not allowed\n\n", o.message());
    }

    @Test
    void listFormProducersPrintAsOneElementLists() {
        ValidationOutcome o = create(object("networking.istio.io/v1", "DestinationRule", "d", "ns", """
                host: reviews
                subsets: [{name: v1, labels: {"-x": a}}]
                """));
        assertEquals("configuration is invalid: 1 error occurred:\n\t* invalid tag key: \"-x\"\n\n", o.message());
        Findings f = new Findings();
        f.error("a");
        assertEquals("a", f.errorText());
        f.errorInList("b");
        assertEquals("2 errors occurred:\n\t* a\n\t* b\n\n", f.errorText());
    }

    @Test
    void warningsAreDroppedWhenDenied() {
        ValidationOutcome o = create(object("networking.istio.io/v1", "VirtualService", "v", "ns", """
                hosts: [a.com]
                gateways: [gw.ns]
                http:
                - route: [{destination: {host: "*"}}]
                """));
        assertFalse(o.allowed());
        assertEquals(List.of(), o.warnings());
    }

    @Test
    void decodingFollowsIstioJsonpb() throws Exception {
        ProtoType t = NetworkingTypes.DESTINATION_RULE;
        JsonNode d = SpecDecoder.decode(yaml("""
                host: h
                exportTo: []
                traffic_policy:
                  connection_pool: {tcp: {max_connections: "7", connect_timeout: 1m30s}}
                  connectionPool: {http: {h2UpgradePolicy: 2}}
                subsets: [null]
                unknownField: {x: 1}
                """), t);
        assertFalse(d.has("exportTo"), "[] is absent");
        assertFalse(d.has("unknownField"));
        assertTrue(d.get("trafficPolicy").get("connectionPool").has("http"), "camelCase wins over snake_case");
        assertFalse(d.get("trafficPolicy").get("connectionPool").has("tcp"));
        assertEquals("UPGRADE", d.get("trafficPolicy").get("connectionPool").get("http").get("h2UpgradePolicy").asText());
        assertTrue(d.get("subsets").get(0).isObject(), "null list entry decodes to an empty message");
        JsonNode snake = SpecDecoder.decode(yaml("traffic_policy: {connection_pool: {tcp: {max_connections: \"7\", connect_timeout: 1m30s}}}"), t);
        JsonNode tcp = snake.get("trafficPolicy").get("connectionPool").get("tcp");
        assertEquals(7, tcp.get("maxConnections").asLong());
        assertEquals(90_000_000_000L, tcp.get("connectTimeout").asLong());
        assertThrows(SpecDecoder.DecodeException.class, () -> SpecDecoder.decode(yaml("host: 5"), t));
        assertThrows(SpecDecoder.DecodeException.class,
                () -> SpecDecoder.decode(yaml("trafficPolicy: {connectionPool: {tcp: {maxConnections: 1.5}}}"), t));
        assertThrows(SpecDecoder.DecodeException.class,
                () -> SpecDecoder.decode(yaml("subsets: [{name: a, labels: {x: 1}}]"), t));
        SpecDecoder.DecodeException e = assertThrows(SpecDecoder.DecodeException.class,
                () -> SpecDecoder.decode(yaml("trafficPolicy: {tls: {mode: STRICT}}"), t));
        assertEquals("unknown value \"\\\"STRICT\\\"\" for enum istio.networking.v1alpha3.ClientTLSSettings.TLSmode", e.getMessage());
        assertThrows(SpecDecoder.DecodeException.class,
                () -> SpecDecoder.decode(yaml("trafficPolicy: {portLevelSettings: [{port: {number: -1}}]}"), t));
        SpecDecoder.DecodeException dur = assertThrows(SpecDecoder.DecodeException.class,
                () -> SpecDecoder.decode(yaml("trafficPolicy: {outlierDetection: {interval: 10}}"), t));
        assertTrue(dur.getMessage().startsWith("bad Duration"), dur.getMessage());
    }

    @Test
    void decodeErrorsDenyWithCrdConversionReason() {
        ValidationOutcome o = create(object("networking.istio.io/v1", "Gateway", "gw", "ns",
                "servers: [{port: {number: eighty, name: http, protocol: HTTP}, hosts: ['*']}]"));
        assertFalse(o.allowed());
        assertTrue(o.message().startsWith("error decoding configuration: "), o.message());
        assertEquals(ValidationOutcome.REASON_CRD_CONVERSION_ERROR, o.reason());
    }
}
