package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test: randomly mutated objects never make the facade throw, and every outcome is well
 * formed (denials carry a message and no warnings; allowed outcomes carry no message).
 */
class ValidationInvariantsTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final List<JsonNode> SEEDS = List.of(
            ValidationCases.object("networking.istio.io/v1", "VirtualService", "vs", "ns", """
                    hosts: [a.com, "*.b.com"]
                    gateways: [ns/gw, mesh]
                    http:
                    - name: r1
                      match: [{uri: {prefix: /a}, headers: {x: {exact: y}}, method: {exact: GET}, queryParams: {q: {regex: "a+"}}}]
                      route: [{destination: {host: r, subset: v1, port: {number: 80}}, weight: 50, headers: {request: {set: {x: y}}}}]
                      corsPolicy: {allowOrigins: [{exact: a}], allowMethods: [GET], maxAge: 24h}
                      fault: {delay: {fixedDelay: 5s, percentage: {value: 10}}}
                      retries: {attempts: 3, retryOn: 5xx, perTryTimeout: 2s}
                      mirror: {host: m}
                      timeout: 10s
                    - redirect: {uri: /b, redirectCode: 301}
                    tls: [{match: [{sniHosts: [a.com], port: 443}], route: [{destination: {host: r}}]}]
                    tcp: [{match: [{port: 9000, destinationSubnets: [10.0.0.0/8]}], route: [{destination: {host: r}}]}]
                    """),
            ValidationCases.object("networking.istio.io/v1", "DestinationRule", "dr", "ns", """
                    host: r
                    trafficPolicy:
                      connectionPool: {tcp: {maxConnections: 10, connectTimeout: 1s}, http: {maxRetries: 3}}
                      outlierDetection: {interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 10}
                      loadBalancer: {consistentHash: {httpCookie: {name: c, ttl: 1s}}, localityLbSetting: {failover: [{from: a, to: b}]}}
                      tls: {mode: MUTUAL, clientCertificate: c, privateKey: k}
                      portLevelSettings: [{port: {number: 80}, tls: {mode: SIMPLE}}]
                    subsets: [{name: v1, labels: {v: "1"}}]
                    """),
            ValidationCases.object("networking.istio.io/v1", "Gateway", "gw", "ns", """
                    servers:
                    - port: {number: 443, name: https, protocol: HTTPS}
                      hosts: [ns/a.com]
                      tls: {mode: SIMPLE, serverCertificate: c, privateKey: k, cipherSuites: [AES128-SHA]}
                    """),
            ValidationCases.object("networking.istio.io/v1", "ServiceEntry", "se", "ns", """
                    hosts: [a.com]
                    addresses: [10.0.0.1]
                    ports: [{number: 80, name: http, protocol: HTTP}]
                    resolution: STATIC
                    endpoints: [{address: 1.1.1.1, ports: {http: 8080}, labels: {a: b}}]
                    """),
            ValidationCases.object("networking.istio.io/v1", "Sidecar", "sc", "ns", """
                    ingress: [{port: {number: 80, protocol: HTTP, name: h}, defaultEndpoint: "127.0.0.1:8080"}]
                    egress: [{port: {number: 0, protocol: HTTP, name: u}, bind: "unix:///s", hosts: ["./*"]}, {hosts: ["*/*"]}]
                    outboundTrafficPolicy: {mode: ALLOW_ANY, egressProxy: {host: a.com, port: {number: 80}}}
                    """));

    @Test
    void mutatedObjectsAlwaysGetAWellFormedAnswer() {
        ConfigValidator v = new ConfigValidator();
        Random rnd = new Random(20261125L);
        for (JsonNode seed : SEEDS) {
            assertTrue(v.validate(seed).allowed(), "seed must be valid: " + v.validate(seed).message());
            for (int i = 0; i < 400; i++) {
                JsonNode copy = seed.deepCopy();
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    mutate(copy.get("spec"), rnd);
                }
                ValidationOutcome o = v.validate(copy);
                assertNotNull(o);
                if (o.allowed()) {
                    assertNull(o.message(), copy.toString());
                } else {
                    assertNotNull(o.message(), copy.toString());
                    assertEquals(List.of(), o.warnings(), copy.toString());
                }
            }
        }
    }

    /** Replaces one random value somewhere in the tree with a random JSON value. */
    private static void mutate(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(names.get(rnd.nextInt(names.size())), randomValue(rnd));
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            a.set(rnd.nextInt(a.size()), randomValue(rnd));
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode randomValue(Random rnd) {
        String[] strings = {"", "*", "a.com", "1.2.3.4", "::1", "10.0.0.0/8", "unix:///x", "%", "(", "-1", "1.5s", "0",
            "HTTP", "TLS", "MUTUAL", "ns/*", "a/b/c", "@request.auth.claims.x", "\u00e9"};
        return switch (rnd.nextInt(7)) {
            case 0 -> F.nullNode();
            case 1 -> F.numberNode(rnd.nextInt(200000) - 100000);
            case 2 -> F.booleanNode(rnd.nextBoolean());
            case 3 -> F.arrayNode().add(strings[rnd.nextInt(strings.length)]).addNull();
            case 4 -> F.objectNode().put("number", rnd.nextInt(70000)).put("host", strings[rnd.nextInt(strings.length)]);
            case 5 -> F.arrayNode();
            default -> F.textNode(strings[rnd.nextInt(strings.length)]);
        };
    }
}
