package dev.meshhook.inject;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationValidationTest {

    @Test
    void validValuesPass() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sidecar.istio.io/interceptionMode", "TPROXY");
        a.put("status.sidecar.istio.io/port", " 15020 ");
        a.put("traffic.sidecar.istio.io/includeOutboundIPRanges", "*");
        a.put("traffic.sidecar.istio.io/excludeOutboundIPRanges", "10.0.0.0/8,fd00::/8");
        a.put("traffic.sidecar.istio.io/includeInboundPorts", "80, 8080");
        a.put("traffic.sidecar.istio.io/excludeOutboundPorts", "");
        a.put("traffic.sidecar.istio.io/excludeInterfaces", "eth1, net-2");
        a.put("prometheus.istio.io/merge-metrics", "F");
        a.put("sidecar.istio.io/proxyCPU", "100m");
        a.put("sidecar.istio.io/proxyMemoryLimit", "1Gi");
        a.put("proxy.istio.io/config", "discoveryAddress: foo:123\nconcurrency: 0\n");
        a.put("unrelated", "whatever");
        assertNull(AnnotationValidation.validate(a));
    }

    @Test
    void singleErrorText() {
        String err = AnnotationValidation.validate(Map.of("sidecar.istio.io/interceptionMode", "PROXY"));
        assertEquals("1 error occurred:\n\t* invalid value 'PROXY' for annotation 'sidecar.istio.io/interceptionMode': "
                + "interceptionMode invalid, use REDIRECT,TPROXY,NONE: PROXY\n\n", err);
    }

    @Test
    void portAndCidrTexts() {
        assertEquals("1 error occurred:\n\t* invalid value '80,x' for annotation 'traffic.sidecar.istio.io/excludeInboundPorts': "
                        + "excludeInboundPorts invalid: failed parsing port 'x': failed parsing port 'x': strconv.ParseUint: parsing \"x\": invalid syntax\n\n",
                AnnotationValidation.validate(Map.of("traffic.sidecar.istio.io/excludeInboundPorts", "80,x")));
        assertEquals("1 error occurred:\n\t* invalid value '70000' for annotation 'status.sidecar.istio.io/port': "
                        + "excludeInboundPorts invalid: failed parsing port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n\n",
                AnnotationValidation.validate(Map.of("status.sidecar.istio.io/port", "70000")));
        String cidr = AnnotationValidation.validate(Map.of("traffic.sidecar.istio.io/includeOutboundIPRanges", "1.1.1.1"));
        assertTrue(cidr.contains("includeIPRanges invalid: failed parsing cidr '1.1.1.1': netip.ParsePrefix(\"1.1.1.1\"): no '/'"), cidr);
    }

    @Test
    void multipleErrorsAreCounted() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("readiness.status.sidecar.istio.io/periodSeconds", "-1");
        a.put("sidecar.istio.io/proxyMemory", "lots");
        a.put("traffic.sidecar.istio.io/kubevirtInterfaces", "averyveryverylongname");
        String err = AnnotationValidation.validate(a);
        assertTrue(err.startsWith("3 errors occurred:\n\t* invalid value '-1'"), err);
        assertTrue(err.contains("quantities must match the regular expression"), err);
        assertTrue(err.contains("interface name \"averyveryverylongname\" too long (max 15 chars)"), err);
        assertTrue(err.endsWith("\n\n"));
    }

    @Test
    void proxyConfigAnnotationIsValidated() {
        String err = AnnotationValidation.validate(Map.of("proxy.istio.io/config", "statusPort: 0"));
        assertTrue(err.contains("invalid status port"), err);
        String parse = AnnotationValidation.validate(Map.of("proxy.istio.io/config", "noSuchField: 1"));
        assertTrue(parse.contains("unknown field"), parse);
    }
}
