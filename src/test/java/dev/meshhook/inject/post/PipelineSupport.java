package dev.meshhook.inject.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshhook.inject.merge.ContainerOverrides;
import dev.meshhook.inject.merge.StrategicMerge;

import java.util.List;

/** The merge/post part of Istio's injectPod as the orchestrator drives it (d.1 7b/7d, e.6, f). */
final class PipelineSupport {

    static final YAMLMapper YAML = new YAMLMapper();

    private PipelineSupport() {
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode inject(JsonNode original, List<? extends JsonNode> overlays, PostProcessContext ctx)
            throws Exception {
        ObjectNode template = StrategicMerge.apply(JsonNodeFactory.instance.objectNode(), null);
        ObjectNode merged = StrategicMerge.apply(original, null);
        for (JsonNode o : overlays) {
            template = StrategicMerge.apply(template, o);
            merged = StrategicMerge.apply(merged, o);
        }
        merged = ContainerOverrides.reapply(merged, original, template, "REDIRECT");
        return PostProcessor.apply(merged, template, ctx);
    }

    /** A sidecar-template-like overlay (the shape the shipped template renders), non-native or native. */
    static ObjectNode sidecarOverlay(boolean nativeSidecar) {
        String proxy = """
                  - name: istio-proxy
                    image: registry.istio.io/testing/proxyv2:latest
                    %s
                    ports:
                    - {containerPort: 15090, protocol: TCP, name: http-envoy-prom}
                    args: [proxy, sidecar, --domain, $(POD_NAMESPACE).svc.cluster.local]
                    env:
                    - {name: PILOT_CERT_PROVIDER, value: istiod}
                    - name: POD_NAME
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    - name: ISTIO_CPU_LIMIT
                      valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: "1"}}
                    - {name: ISTIO_META_CLUSTER_ID, value: Kubernetes}
                    readinessProbe:
                      httpGet: {path: /healthz/ready, port: 15021}
                      initialDelaySeconds: 0
                      periodSeconds: 15
                      timeoutSeconds: 3
                      failureThreshold: 4
                    resources:
                      limits: {cpu: 2000m, memory: 1024Mi}
                      requests: {cpu: 100m, memory: 128Mi}
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                      readOnlyRootFilesystem: true
                      runAsGroup: 1337
                      runAsNonRoot: true
                      runAsUser: 1337
                    volumeMounts:
                    - {name: workload-socket, mountPath: /var/run/secrets/workload-spiffe-uds}
                    - {name: istio-envoy, mountPath: /etc/istio/proxy}
                """.formatted(nativeSidecar ? "restartPolicy: Always" : "");
        String init = """
                  - name: istio-init
                    image: registry.istio.io/testing/proxyv2:latest
                    args: [istio-iptables, -p, "15001", -z, "15006", -u, "1337", -m, REDIRECT]
                    resources:
                      limits: {cpu: 2000m, memory: 1024Mi}
                    securityContext:
                      capabilities: {add: [NET_ADMIN, NET_RAW], drop: [ALL]}
                      runAsUser: 0
                      runAsNonRoot: false
                """;
        String text = """
                metadata:
                  labels:
                    security.istio.io/tlsMode: istio
                    service.istio.io/canonical-name: hello
                  annotations: {
                    istio.io/rev: default,
                    kubectl.kubernetes.io/default-container: hello,
                  }
                spec:
                  initContainers:
                %s%s
                  containers:
                %s
                  volumes:
                  - name: workload-socket
                    emptyDir:
                  - name: istio-envoy
                    emptyDir: {medium: Memory}
                  - name: istio-podinfo
                    downwardAPI:
                      items:
                      - path: labels
                        fieldRef: {fieldPath: metadata.labels}
                  - name: istio-token
                    projected:
                      sources:
                      - serviceAccountToken: {audience: istio-ca, expirationSeconds: 43200, path: istio-token}
                  imagePullSecrets:
                  - name: barSecret
                """.formatted(init, nativeSidecar ? proxy : "", nativeSidecar ? "" : proxy);
        if (nativeSidecar) {
            text = text.replace("  containers:\n\n", "");
        }
        return yaml(text);
    }
}
