package dev.meshhook.inject.post;

import static dev.meshhook.inject.post.PipelineSupport.inject;
import static dev.meshhook.inject.post.PipelineSupport.sidecarOverlay;
import static dev.meshhook.inject.post.PipelineSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.GoJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Property: re-running merge + post-processing with the same overlay on an injected pod changes nothing (with
 * path-encoded env overrides it settles after the second run, as in Istio).
 */
class IdempotenceTest {

    static final String PROBES_POD = """
            metadata:
              name: hello
              annotations: {prometheus.io/scrape: "true", prometheus.io/port: "9080", prometheus.io/path: /m}
            spec:
              imagePullSecrets: [{name: fooSecret}]
              volumes: [{name: certs, secret: {secretName: c}}]
              initContainers: [{name: user-init, image: busybox}]
              containers:
              - name: hello
                image: fake.docker.io/google-samples/hello-go-gke:1.0
                ports: [{name: http, containerPort: 80}, {containerPort: 8080}]
                readinessProbe: {httpGet: {port: http, path: /ready, scheme: HTTPS}, timeoutSeconds: 2}
                livenessProbe: {tcpSocket: {port: 8080}}
                startupProbe: {grpc: {port: 9090}}
                lifecycle: {preStop: {httpGet: {port: 80, path: /stop}}, postStart: {exec: {command: [x]}}}
              - name: world
                image: w
                livenessProbe: {httpGet: {port: unknown}}
                readinessProbe: {exec: {command: [cat]}}
            """;

    static final String OVERRIDE_POD = """
            metadata: {name: gw, annotations: {sidecar.istio.io/rewriteAppHTTPProbers: "false"}}
            spec:
              containers:
              - name: app
                image: app
              - name: istio-proxy
                image: auto
                imagePullPolicy: Always
                lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
            """;

    static Stream<Arguments> pods() {
        PostProcessContext base = PostProcessContext.defaults().withRewriteAppHTTPProbe(true);
        return Stream.of(
                Arguments.of("probes, non-native", PROBES_POD, false, base),
                Arguments.of("probes, native", PROBES_POD, true, base),
                Arguments.of("probes, hold + network env", PROBES_POD, false,
                        base.withHold(true).withProxyEnvs(Map.of("ISTIO_META_NETWORK", "n1", "FOO", "bar"))),
                Arguments.of("user istio-proxy override", OVERRIDE_POD, false, base),
                Arguments.of("user istio-proxy override, native", OVERRIDE_POD, true, base));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void reinjectionIsStable(String name, String pod, boolean nativeSidecar, PostProcessContext ctx) throws Exception {
        List<ObjectNode> overlays = List.of(sidecarOverlay(nativeSidecar));
        ObjectNode original = yaml(pod);
        ObjectNode once = inject(original, overlays, ctx);
        assertNotEquals(GoJson.write(dev.meshhook.inject.merge.PodShape.pod(original)), GoJson.write(once));
        ObjectNode twice = inject(once, overlays, ctx);
        ObjectNode thrice = inject(twice, overlays, ctx);
        assertEquals(GoJson.write(twice), GoJson.write(thrice));
        if (ctx.proxyEnvs().isEmpty()) {
            assertEquals(GoJson.write(once), GoJson.write(twice));
        } else {
            // Like Istio, path/cluster env vars move behind the env appended by the first run (f.2, j.12).
            assertNotEquals(GoJson.write(once), GoJson.write(twice));
        }
    }
}
