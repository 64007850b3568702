package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return M.readTree(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"app\":\"x\"}|", "{\"istio.io/rev\":\"canary\"}|", "{\"a\":\"\"}|",
        "{\"-x\":\"v\"}|invalid tag key: \"-x\"", "{\"a\":\"-v\"}|invalid tag value: \"-v\"",
        "{\"a/b/c\":\"v\"}|invalid tag key: \"a/b/c\"",
        "{\"k\":\"a b\"}|invalid tag value: \"a b\"",
        "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":\"v\"}|invalid tag key: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" (name is too long)"})
    void labelMap(String labels, String error) throws Exception {
        List<String> errs = Labels.validateLabelMap(json(labels));
        assertEquals(error == null ? List.of() : List.of(error), errs);
    }

    @Test
    void longValueAndPrefix() throws Exception {
        String longValue = "v".repeat(100);
        assertEquals(List.of(), Labels.validateLabelMap(json("{\"a\":\"" + longValue + "\"}")));
        String prefix = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(20);
        assertEquals(List.of("invalid tag key: \"" + prefix + "/x\" (DNS prefix is too long)"),
            Labels.validateLabelMap(json("{\"" + prefix + "/x\":\"v\"}")));
    }

    @Test
    void v1beta1Selector() throws Exception {
        Findings f = new Findings();
        Labels.validateWorkloadSelector(json("{\"matchLabels\":{\"\":\"bar\",\"a*\":\"b\"}}"), f);
        assertEquals(List.of("empty key is not supported in selector: \"=bar\"",
            "wildcard is not supported in selector: \"a*=b\""), f.errors());
        Findings g = new Findings();
        Labels.validateWorkloadSelector(json("{}"), g);
        assertEquals(List.of("workload selector specified without labels"), g.warnings());
        Findings h = new Findings();
        Labels.validateWorkloadSelector(null, h);
        assertEquals(List.of(), h.warnings());
    }

    @Test
    void targetRefs() throws Exception {
        assertEquals(List.of(), Labels.targetRef(json("{\"kind\":\"Service\",\"name\":\"a\"}")));
        assertEquals(List.of(), Labels.targetRef(json("{\"group\":\"core\",\"kind\":\"Service\",\"name\":\"a\"}")));
        assertEquals(List.of(), Labels.targetRef(json("{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"GatewayClass\",\"name\":\"a\"}")));
        assertEquals(List.of("targetRef name must be set",
                "targetRef namespace must not be set; cross namespace referencing is not supported",
                "targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway "
                    + "gateway.networking.k8s.io/v1/GatewayClass] but was apps/Deployment"),
            Labels.targetRef(json("{\"group\":\"apps\",\"kind\":\"Deployment\",\"namespace\":\"x\"}")));
        assertEquals(List.of("only one of targetRefs or workloadSelector can be set"),
            Labels.oneOfSelectorType(json("{}"), null, json("[{}]")));
        assertEquals(List.of(), Labels.oneOfSelectorType(json("{}"), null, json("[]")));
    }

    @Test
    void numbersAndFloats() {
        assertEquals("percentage 101 is neither 0.0, nor in range [0.0001, 100.0]", Numbers.fractionalPercent(101).get());
        assertEquals("percentage 1e-05 is neither 0.0, nor in range [0.0001, 100.0]", Numbers.fractionalPercent(0.00001).get());
        assertEquals("0.5", GoFormat.floatV(0.5));
        assertEquals("1e+06", GoFormat.floatV(1e6));
        assertEquals("123456", GoFormat.floatV(123456));
        assertEquals("101.000000", GoFormat.floatF(101));
        assertEquals("port number 0 must be in the range 1..65535", Numbers.port(0).get());
        assertEquals("\"a\\tb\\\"\"", GoFormat.quote("a\tb\""));
    }
}
