package dev.meshhook.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionCodecTest {

    private static AdmissionCodec.Decoded decode(String body, boolean core) {
        return AdmissionCodec.decode(body.getBytes(StandardCharsets.UTF_8), core);
    }

    private static String undecodable(String body) {
        return assertInstanceOf(AdmissionCodec.Decoded.Undecodable.class, decode(body, false)).message();
    }

    @Test
    void decodesV1AndV1beta1Reviews() {
        for (String v : List.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1")) {
            var r = assertInstanceOf(AdmissionCodec.Decoded.Review.class, decode(
                    "{\"apiVersion\":\"" + v + "\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u1\",\"x\":1}}",
                    false));
            assertEquals(v, r.apiVersion());
            assertEquals("u1", r.uid());
        }
    }

    private static String reviewWithManagedFields(String managedFields) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u1\","
                + "\"object\":{\"metadata\":{\"name\":\"p\",\"managedFields\":" + managedFields
                + ",\"labels\":{\"app\":\"a\"}},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}}";
    }

    private static String bigManagedFields(String last) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            sb.append("{\"manager\":\"m").append(i).append("\",\"fieldsV1\":{\"f:l").append(i).append("\":{}}},");
        }
        return sb.append(last).append(']').toString();
    }

    @Test
    void largeManagedFieldsNeverReachTheTreeAndNothingElseIsLost() {
        var r = assertInstanceOf(AdmissionCodec.Decoded.Review.class,
                decode(reviewWithManagedFields(bigManagedFields("{}")), true));
        var meta = r.request().path("object").path("metadata");
        assertFalse(meta.has("managedFields"));
        assertEquals("p", meta.path("name").asText());
        assertEquals("a", meta.path("labels").path("app").asText());
        assertEquals("c", r.request().at("/object/spec/containers/0/name").asText());
    }

    @Test
    void malformedLargeManagedFieldsStillFailTheWholeBody() {
        // what is cut is checked first: a syntax error inside it must not slip through
        String message = assertInstanceOf(AdmissionCodec.Decoded.Undecodable.class,
                decode(reviewWithManagedFields(bigManagedFields("{\"a\":tru}")), true)).message();
        assertTrue(message.startsWith("couldn't get version/kind; json parse error: "), message);
    }

    @Test
    void yamlBodiesAreAcceptedLikeTheUniversalDeserializer() {
        var r = assertInstanceOf(AdmissionCodec.Decoded.Review.class,
                decode("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: y\n", false));
        assertEquals("y", r.uid());
    }

    @Test
    void missingRequestIsAReviewWithoutRequest() {
        var r = assertInstanceOf(AdmissionCodec.Decoded.Review.class,
                decode("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", false));
        assertNull(r.request());
        assertEquals("", r.uid());
    }

    @Test
    void kubernetesDeserializerMessages() {
        assertEquals("Object 'Kind' is missing in '{\"apiVersion\":\"admission.k8s.io/v1\"}'",
                undecodable("{\"apiVersion\":\"admission.k8s.io/v1\"}"));
        assertEquals("Object 'apiVersion' is missing in '{\"kind\":\"AdmissionReview\"}'",
                undecodable("{\"kind\":\"AdmissionReview\"}"));
        assertEquals("no kind \"Pod\" is registered for version \"v1\" in scheme \"meshhook admission scheme\"",
                undecodable("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}"));
        assertTrue(undecodable("{\"apiVersion\":").startsWith("couldn't get version/kind; json parse error: "));
        assertTrue(undecodable("{} trailing").startsWith("couldn't get version/kind; json parse error: "));
        assertTrue(undecodable("[1,2]").contains("cannot unmarshal array into Go value of type struct"));
        assertEquals("couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct"
                + " field .kind of type string", undecodable("{\"apiVersion\":\"v1\",\"kind\":5}"));
        assertEquals("json: cannot unmarshal number into Go struct field AdmissionRequest.request.uid of type types.UID",
                undecodable("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":7}}"));
        assertEquals("json: cannot unmarshal string into Go struct field AdmissionRequest.request.dryRun of type bool",
                undecodable("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"dryRun\":\"yes\"}}"));
        assertEquals("json: cannot unmarshal array into Go struct field AdmissionReview.request of type v1.AdmissionRequest",
                undecodable("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":[]}"));
    }

    @Test
    void injectorSchemeKnowsCoreObjectsButTheyAreNotReviews() {
        var u = assertInstanceOf(AdmissionCodec.Decoded.Undecodable.class,
                decode("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{}}", true));
        assertEquals("unsupported type :&TypeMeta{Kind:Pod,APIVersion:v1,}", u.message());
        assertTrue(u.objectLevel());
    }

    @Test
    void hugeBodiesAreQuotedShortInErrors() {
        String big = "{\"apiVersion\":\"admission.k8s.io/v1\",\"pad\":\"" + "x".repeat(10_000) + "\"}";
        assertTrue(undecodable(big).length() < 1200);
    }

    @Test
    void responseFieldOrderAndOmissionsFollowGoJson() throws Exception {
        ArrayNode patch = new ObjectMapper().createArrayNode();
        patch.addObject().put("op", "add").put("path", "/a").put("value", 1);
        byte[] bytes = AdmissionCodec.patchBytes(patch);
        String injected = new ObjectMapper().writeValueAsString(
                AdmissionCodec.response("admission.k8s.io/v1", "AdmissionReview", "abc", true, null, bytes, null));
        assertEquals("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"response\":{\"uid\":\"abc\","
                + "\"allowed\":true,\"patch\":\"" + Base64.getEncoder().encodeToString(bytes)
                + "\",\"patchType\":\"JSONPatch\"}}", injected);
        assertEquals("[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]", new String(bytes, StandardCharsets.UTF_8));

        String denied = new ObjectMapper().writeValueAsString(
                AdmissionCodec.response(null, null, "", false, "boom", null, List.of()));
        assertEquals("{\"response\":{\"uid\":\"\",\"allowed\":false,\"status\":{\"metadata\":{},\"message\":\"boom\"}}}",
                denied);

        String warned = new ObjectMapper().writeValueAsString(
                AdmissionCodec.response("admission.k8s.io/v1beta1", "AdmissionReview", "u", true, null, null,
                        List.of("w1")));
        assertEquals("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1beta1\",\"response\":{\"uid\":\"u\","
                + "\"allowed\":true,\"warnings\":[\"w1\"]}}", warned);
        assertFalse(warned.contains("patch"));
    }
}
