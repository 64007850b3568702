package dev.meshhook.inject;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProxyImagesTest {
    private static InjectorValues values(String json) throws Exception {
        return InjectorValues.parse(json);
    }

    @Test
    void tagRules() {
        assertEquals("1.12-distroless", ProxyImages.tagFor("1.12-debug", "distroless"));
        assertEquals("1.11.2-asm.17", ProxyImages.tagFor("1.11.2-asm.17-distroless", "default"));
        assertEquals("1.12-this-is-unusual-tag-distroless", ProxyImages.tagFor("1.12-this-is-unusual-tag", "distroless"));
        assertEquals("latest", ProxyImages.tagFor("latest", ""));
    }

    @Test
    void numericTagUsesGoFloatFormatting() throws Exception {
        InjectorValues v = values("{\"global\":{\"hub\":\"h\",\"tag\":1.20,\"proxy\":{\"image\":\"\"}}}");
        assertEquals("h/proxyv2:1.2", ProxyImages.proxyImage(v, ProxyConfig.DEFAULT, Map.of()));
        assertEquals("11", values("{\"global\":{\"tag\":11}}").tag());
        assertEquals("1e+06", values("{\"global\":{\"tag\":1000000}}").tag());
    }

    @Test
    void variantProxyConfigAndAnnotationPrecedence() throws Exception {
        InjectorValues v = values("{\"global\":{\"hub\":\"r\",\"tag\":\"1.2\",\"variant\":\"debug\",\"proxy\":{\"image\":\"p\"},\"proxy_init\":{\"image\":\"i\"}}}");
        ProxyConfig pc = ProxyConfig.parse("image: {imageType: distroless}");
        assertEquals("r/p:1.2-distroless", ProxyImages.proxyImage(v, pc, Map.of()));
        assertEquals("r/i:1.2-debug", ProxyImages.proxyInitImage(v, Map.of()));
        Map<String, String> ann = Map.of("sidecar.istio.io/proxyImageType", "default");
        assertEquals("r/p:1.2", ProxyImages.proxyImage(v, pc, ann));
        assertEquals("r/i:1.2", ProxyImages.proxyInitImage(v, ann));
        assertEquals("r/p:1.2", ProxyImages.proxyImage(v, pc, Map.of("sidecar.istio.io/proxyImageType", "")));
    }
}
