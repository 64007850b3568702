package dev.meshhook.inject.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodShapeTest {

    static final ObjectMapper M = new ObjectMapper();

    static String shape(String json) throws Exception {
        return GoJson.write(PodShape.pod(M.readTree(json)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // zero pod: metadata/spec/status always present, containers null
        "{}|{\"metadata\":{},\"spec\":{\"containers\":null},\"status\":{}}",
        // [] stays [] for the non-omitempty containers field; empty omitempty lists vanish
        "{\"spec\":{\"containers\":[],\"volumes\":[]}}|{\"metadata\":{},\"spec\":{\"containers\":[]},\"status\":{}}",
        // value bool false dropped, pointer bool false kept
        "{\"spec\":{\"hostNetwork\":false,\"automountServiceAccountToken\":false}}|{\"metadata\":{},\"spec\":{\"containers\":null,\"automountServiceAccountToken\":false},\"status\":{}}",
        // unknown keys dropped, keys matched case-insensitively, Go field order restored
        "{\"Spec\":{\"containers\":[{\"Image\":\"i\",\"name\":\"c\",\"bogus\":1}]},\"kind\":\"Pod\"}|{\"kind\":\"Pod\",\"metadata\":{},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"resources\":{}}]},\"status\":{}}",
        // null drops, zero-valued ints dropped, IntOrString kept as given
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":null,\"readinessProbe\":{\"httpGet\":{\"port\":\"http\"},\"initialDelaySeconds\":0,\"periodSeconds\":1.0}}]}}|{\"metadata\":{},\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{},\"readinessProbe\":{\"httpGet\":{\"port\":\"http\"},\"periodSeconds\":1}}]},\"status\":{}}",
        // map keys sorted, quantities canonical, divisor written even when zero
        "{\"metadata\":{\"labels\":{\"b\":\"1\",\"a\":\"2\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"env\":[{\"name\":\"X\",\"valueFrom\":{\"resourceFieldRef\":{\"resource\":\"limits.cpu\"}}}],\"resources\":{\"requests\":{\"memory\":\"1024Mi\",\"cpu\":\"2000m\"}}}]}}|{\"metadata\":{\"labels\":{\"a\":\"2\",\"b\":\"1\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"env\":[{\"name\":\"X\",\"valueFrom\":{\"resourceFieldRef\":{\"resource\":\"limits.cpu\",\"divisor\":\"0\"}}}],\"resources\":{\"requests\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}}}]},\"status\":{}}",
        // creationTimestamp null vanishes; owner references keep required fields
        "{\"metadata\":{\"creationTimestamp\":null,\"ownerReferences\":[{\"kind\":\"ReplicaSet\",\"name\":\"x\",\"controller\":true,\"apiVersion\":\"apps/v1\"}]}}|{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"x\",\"uid\":\"\",\"controller\":true}]},\"spec\":{\"containers\":null},\"status\":{}}",
        // emptyDir: null leaves a source-less volume
        "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"emptyDir\":null},{\"name\":\"w\",\"emptyDir\":{}}]}}|{\"metadata\":{},\"spec\":{\"volumes\":[{\"name\":\"v\"},{\"name\":\"w\",\"emptyDir\":{}}],\"containers\":null},\"status\":{}}",
        // gRPC service has no omitempty in Go
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"livenessProbe\":{\"grpc\":{\"port\":9}}}]}}|{\"metadata\":{},\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{},\"livenessProbe\":{\"grpc\":{\"port\":9,\"service\":null}}}]},\"status\":{}}",
    })
    void goShape(String in, String out) throws Exception {
        assertEquals(out, shape(in));
    }

    @Test
    void idempotent() throws Exception {
        JsonNode once = PodShape.pod(M.readTree("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\","
                + "\"ports\":[{\"containerPort\":80}],\"securityContext\":{\"runAsUser\":0}}]}}"));
        assertEquals(GoJson.write(once), GoJson.write(PodShape.pod(once)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":1.5}]}]}}|json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
        "{\"spec\":{\"hostNetwork\":\"yes\"}}|json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool",
        "{\"spec\":{\"containers\":{}}}|json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"x\"}}}]}}|quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"readinessProbe\":{\"httpGet\":{\"port\":true}}}]}}|json: cannot unmarshal bool into Go value of type int32",
    })
    void goErrors(String in, String message) {
        GoDecodeException e = assertThrows(GoDecodeException.class, () -> PodShape.pod(M.readTree(in)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void goJsonEscapesLikeGo() {
        assertEquals("\"a\\u003cb\\u003e\\u0026\\n\\u0001\"", GoJson.quote("a<b>&\n\u0001"));
    }
}
