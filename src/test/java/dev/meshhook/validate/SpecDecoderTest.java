package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The decoder reuses parts of the raw spec that are already normalised and builds error locations only when an
 * error needs one; these tests pin that neither changes what the validators see or the error texts.
 */
class SpecDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProtoType VS = NetworkingTypes.VIRTUAL_SERVICE;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String error(String spec) {
        return assertThrows(SpecDecoder.DecodeException.class, () -> SpecDecoder.decode(json(spec), VS)).getMessage();
    }

    @Test
    void normalisedPartsAreSharedAndTheRestIsCopied() throws Exception {
        JsonNode raw = json("""
                {"hosts": ["a"], "http": [{"match": [{"uri": {"prefix": "/a"}}],
                  "route": [{"destination": {"host": "a", "port": {"number": 80}}, "weight": 10}], "timeout": "3s"}]}""");
        JsonNode d = SpecDecoder.decode(raw, VS);
        assertNotSame(raw, d, "the route's duration is decoded, so the path to it is copied");
        assertSame(raw.get("hosts"), d.get("hosts"));
        JsonNode route = d.get("http").get(0);
        assertSame(raw.get("http").get(0).get("match"), route.get("match"));
        assertSame(raw.get("http").get(0).get("route"), route.get("route"));
        assertEquals(3_000_000_000L, route.get("timeout").asLong());
        assertEquals(json("""
                {"hosts": ["a"], "http": [{"match": [{"uri": {"prefix": "/a"}}],
                  "route": [{"destination": {"host": "a", "port": {"number": 80}}, "weight": 10}], "timeout": 3000000000}]}"""),
                d);

        JsonNode plain = json("{\"hosts\": [\"a\"], \"http\": [{\"route\": [{\"destination\": {\"host\": \"a\"}}]}]}");
        assertSame(plain, SpecDecoder.decode(plain, VS));
    }

    @Test
    void droppedFieldsAndSnakeCaseStillCopy() throws Exception {
        JsonNode d = SpecDecoder.decode(json("""
                {"hosts": ["a"], "unknown": 1, "gateways": null, "tls": [], "export_to": ["."],
                 "http": [{"route": [{"destination": {"host": "a"}}]}]}"""), VS);
        assertEquals(json("{\"hosts\": [\"a\"], \"exportTo\": [\".\"], \"http\": [{\"route\": [{\"destination\": {\"host\": \"a\"}}]}]}"), d);
        assertFalse(d.has("unknown"));
        // camelCase wins over snake_case whichever comes first
        assertEquals(json("[\"b\"]"), SpecDecoder.decode(json("{\"exportTo\": [\"b\"], \"export_to\": [\"a\"]}"), VS).get("exportTo"));
        assertEquals(json("[\"b\"]"), SpecDecoder.decode(json("{\"export_to\": [\"a\"], \"exportTo\": [\"b\"]}"), VS).get("exportTo"));
    }

    @Test
    void integersAreNormalisedByValue() throws Exception {
        JsonNode quoted = SpecDecoder.decode(json("{\"http\": [{\"route\": [{\"weight\": \"10\"}]}]}"), VS);
        JsonNode number = SpecDecoder.decode(json("{\"http\": [{\"route\": [{\"weight\": 10}]}]}"), VS);
        assertEquals(number, quoted, "equal values give equal nodes, decoded or reused");
        JsonNode big = SpecDecoder.decode(json("{\"http\": [{\"match\": [{\"port\": 4294967295}]}]}"), VS);
        assertEquals(4294967295L, big.get("http").get(0).get("match").get(0).get("port").asLong());
        assertTrue(big.get("http").get(0).get("match").get(0).get("port").canConvertToLong());
    }

    @Test
    void errorLocationsAreRenderedWhenNeeded() {
        assertEquals("invalid value \"x\" for int32 field http[1].route[0].weight",
                error("{\"http\": [{\"route\": [{\"weight\": 1}]}, {\"route\": [{\"weight\": \"x\"}]}]}"));
        assertEquals("null value in map field http[0].match[0].sourceLabels[\"x-a\\\"b\"]",
                error("{\"http\": [{\"match\": [{\"sourceLabels\": {\"x-a\\\"b\": null}}]}]}"));
        assertEquals("null value in repeated field hosts[1]", error("{\"hosts\": [\"a\", null]}"));
        assertEquals("value 4294967296 out of range for uint32 field http[0].match[0].port",
                error("{\"http\": [{\"match\": [{\"port\": 4294967296}]}]}"));
        assertEquals("json: cannot unmarshal number into field http[0].route[0].destination.host of type string",
                error("{\"http\": [{\"route\": [{\"destination\": {\"host\": 5}}]}]}"));
    }

    @Test
    void snakeCaseKeysAreDecodedFirstAlsoForErrors() {
        // Istio's two passes: the snake_case spelling is decoded before the camelCase one, so its error wins
        // even when the camelCase field comes first in the object.
        assertEquals("json: cannot unmarshal number into field exportTo[0] of type string",
                error("{\"exportTo\": [\"a\", 7], \"export_to\": [5]}"));
        assertEquals("json: cannot unmarshal number into field exportTo[1] of type string",
                error("{\"exportTo\": [\"a\", 7], \"export_to\": [\"b\"]}"));
    }
}
