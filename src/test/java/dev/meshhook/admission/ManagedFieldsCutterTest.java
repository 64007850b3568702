package dev.meshhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class ManagedFieldsCutterTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** managedFields large enough to pass {@link ManagedFieldsCutter#MIN_BODY}. */
    private static String bigManagedFields() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"manager\":\"m").append(i).append("\",\"operation\":\"Update\",\"fieldsV1\":{\"f:metadata\":")
                    .append("{\"f:labels\":{\"f:l").append(i).append("\":{}}},\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{}}},")
                    .append("\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"u\":\"\\u00e9\\n\"}");
        }
        return sb.append(']').toString();
    }

    private static byte[] review(String metadataMembers, String oldMetadataMembers) {
        String old = oldMetadataMembers == null ? "null" : "{\"metadata\":{" + oldMetadataMembers + "},\"kind\":\"Pod\"}";
        return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u1\","
                + "\"object\":{\"apiVersion\":\"v1\",\"metadata\":{" + metadataMembers + "},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"i\"}]}},\"oldObject\":" + old + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode withoutManagedFields(byte[] body) throws Exception {
        JsonNode tree = M.readTree(body);
        for (String o : new String[] {"object", "oldObject"}) {
            JsonNode meta = tree.path("request").path(o).path("metadata");
            if (meta instanceof ObjectNode m) {
                m.remove("managedFields");
            }
        }
        return tree;
    }

    private static void assertCutEquivalent(byte[] body) throws Exception {
        byte[] cut = ManagedFieldsCutter.cut(body);
        assertNotSame(body, cut, "expected a cut");
        assertEquals(withoutManagedFields(body), M.readTree(cut));
    }

    @Test
    void cutsManagedFieldsWhereverTheyStandInMetadata() throws Exception {
        String mf = bigManagedFields();
        assertCutEquivalent(review("\"managedFields\":" + mf + ",\"name\":\"a\"", null));
        assertCutEquivalent(review("\"name\":\"a\",\"managedFields\":" + mf, null));
        assertCutEquivalent(review("\"name\":\"a\" , \"managedFields\" : " + mf + " ,\n \"labels\":{\"x\":\"y\"}", null));
        assertCutEquivalent(review("\"managedFields\":" + mf, null));
        assertCutEquivalent(review("\"name\":\"a\",\"managedFields\":" + mf, "\"managedFields\":" + mf + ",\"n\":1"));
    }

    @Test
    void leavesSmallBodiesAndBodiesWithoutManagedFieldsAlone() {
        byte[] small = review("\"managedFields\":[{\"manager\":\"m\"}]", null);
        assertSame(small, ManagedFieldsCutter.cut(small));
        byte[] none = review("\"name\":\"a\",\"annotations\":{\"big\":\"" + "x".repeat(40_000) + "\"}", null);
        assertSame(none, ManagedFieldsCutter.cut(none));
    }

    @Test
    void managedFieldsOutsidePodMetadataStay() {
        String mf = bigManagedFields();
        byte[] body = ("{\"request\":{\"object\":{\"spec\":{\"managedFields\":" + mf + "}},\"managedFields\":" + mf
                + "}}").getBytes(StandardCharsets.UTF_8);
        assertSame(body, ManagedFieldsCutter.cut(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tru",            // bad literal
            "[1,]",           // trailing comma
            "[01]",           // leading zero
            "[1.]",           // fraction without digits
            "[\"a\tb\"]",     // raw control character in a string
            "[\"\\x\"]",      // unknown escape
            "[\"\\u12G4\"]",  // bad unicode escape
            "{\"a\" 1}",      // missing colon
            "[{]}",           // mismatched brackets
    })
    void malformedManagedFieldsLeaveTheBodyForTheParserToReject(String bad) {
        String mf = bigManagedFields();
        byte[] body = review("\"name\":\"a\",\"managedFields\":[" + mf + "," + bad + "]", null);
        assertSame(body, ManagedFieldsCutter.cut(body));
    }

    @Test
    void truncatedOrTrailingDataOrDuplicateOrEscapedKeysAreLeftAlone() {
        String mf = bigManagedFields();
        byte[] whole = review("\"managedFields\":" + mf, null);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertSame(truncated, ManagedFieldsCutter.cut(truncated));
        byte[] trailing = (new String(whole, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);
        assertSame(trailing, ManagedFieldsCutter.cut(trailing));
        byte[] duplicate = review("\"managedFields\":" + mf + ",\"managedFields\":[]", null);
        assertSame(duplicate, ManagedFieldsCutter.cut(duplicate));
        byte[] escaped = review("\"managed\\u0046ields\":" + mf, null);
        assertSame(escaped, ManagedFieldsCutter.cut(escaped));
    }

    /** Random metadata around random managedFields values: the cut body always parses to the same tree minus them. */
    @Test
    void randomDocumentsCutToTheSameTree() throws Exception {
        Random r = new Random(20261125L);
        for (int i = 0; i < 200; i++) {
            ObjectNode meta = F.objectNode();
            int members = r.nextInt(4);
            int at = r.nextInt(members + 1);
            for (int m = 0; m <= members; m++) {
                if (m == at) {
                    ArrayNode mf = meta.putArray("managedFields");
                    for (int size = 0; size < ManagedFieldsCutter.MIN_BODY; ) {
                        JsonNode v = randomValue(r, 4);
                        mf.add(v);
                        size += M.writeValueAsBytes(v).length + 1;
                    }
                } else {
                    meta.set("k" + m, randomValue(r, 3));
                }
            }
            ObjectNode review = F.objectNode().put("kind", "AdmissionReview");
            review.putObject("request").put("uid", "u").putObject("object").set("metadata", meta);
            byte[] body = (r.nextBoolean() ? M.writerWithDefaultPrettyPrinter() : M.writer()).writeValueAsBytes(review);
            assertCutEquivalent(body);
        }
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = depth == 0 ? r.nextInt(5) : r.nextInt(7);
        return switch (kind) {
            case 0 -> F.textNode("s\"\\/\n\u00e9\u0001" + r.nextInt());
            case 1 -> F.numberNode(r.nextInt() * (r.nextBoolean() ? 1.5e-7 : 1));
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> F.numberNode(r.nextLong());
            case 5 -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set("f:" + r.nextInt(100) + "\u00fc", randomValue(r, depth - 1));
                }
                yield o;
            }
        };
    }
}
