package dev.meshhook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshhook.gotemplate.FuncMaps;
import dev.meshhook.gotemplate.GoInt;
import dev.meshhook.gotemplate.GoMap;
import dev.meshhook.gotemplate.GoProtoMessage;
import dev.meshhook.gotemplate.GoSlice;
import dev.meshhook.gotemplate.GoStructType;
import dev.meshhook.gotemplate.GoStructValue;
import dev.meshhook.gotemplate.GoType;
import dev.meshhook.gotemplate.GoValues;
import dev.meshhook.gotemplate.KubeTypes;
import dev.meshhook.gotemplate.TemplateSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four templates Istio's Gateway deployment controller renders (waypoint, kube-gateway, agentgateway,
 * agentgateway-waypoint): ours and Istio's are rendered with the same synthetic controller input and must produce the
 * same documents as data. meshhook has no Gateway controller, so the input is built here with the fields those
 * templates read.
 */
class GatewayTemplatesEquivalenceTest {

    private static final Path SHARED = Path.of("..", "shared", "conformance", "istio-inject", "injector");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> TEMPLATES = List.of("waypoint", "kube-gateway", "agentgateway", "agentgateway-waypoint");

    private static final GoStructType PROXY_CONFIG = GoStructType.builder("v1alpha1.ProxyConfig")
            .field("InterceptionMode", GoType.enumType("v1alpha1.ProxyConfig_InboundInterceptionMode",
                    Map.of(0L, "REDIRECT", 1L, "TPROXY", 2L, "NONE")), "interceptionMode", true)
            .field("ProxyMetadata", GoType.MAP_STRING_STRING, "proxyMetadata", true)
            .field("DiscoveryAddress", GoType.STRING, "discoveryAddress", true)
            .build();
    private static final GoStructType MESH_CONFIG = GoStructType.builder("v1alpha1.MeshConfig")
            .field("TrustDomain", GoType.STRING, "trustDomain", true)
            .build();
    private static final GoStructType PORT = GoStructType.builder("v1.ServicePort")
            .field("Name", GoType.STRING, "name", true)
            .field("Protocol", GoType.STRING, "protocol", true)
            .field("AppProtocol", GoType.STRING, "appProtocol", true)
            .field("Port", GoType.INT32, "port", false)
            .build();
    private static final GoStructType ADDRESS = GoStructType.builder("v1.GatewaySpecAddress")
            .field("Type", GoType.STRING, "type", true)
            .field("Value", GoType.STRING, "value", false)
            .build();
    private static final GoStructType GATEWAY_SPEC = GoStructType.builder("v1.GatewaySpec")
            .field("Addresses", GoType.sliceOf(ADDRESS.type()), "addresses", true)
            .build();
    private static final GoStructType INPUT = GoStructType.builder("gateway.TemplateInput")
            .field("ServiceAccount", GoType.STRING, null, false)
            .field("Namespace", GoType.STRING, null, false)
            .field("Name", GoType.STRING, null, false)
            .field("UID", GoType.STRING, null, false)
            .field("GatewayClass", GoType.STRING, null, false)
            .field("DeploymentName", GoType.STRING, null, false)
            .field("ControllerLabel", GoType.STRING, null, false)
            .field("GatewayNameLabel", GoType.STRING, null, false)
            .field("Revision", GoType.STRING, null, false)
            .field("ServiceType", GoType.STRING, null, false)
            .field("ClusterID", GoType.STRING, null, false)
            .field("ProxyImage", GoType.STRING, null, false)
            .field("AgentgatewayImage", GoType.STRING, null, false)
            .field("KubeVersion", GoType.INT, null, false)
            .field("ProxyUID", GoType.INT64, null, false)
            .field("ProxyGID", GoType.INT64, null, false)
            .field("InfrastructureAnnotations", GoType.MAP_STRING_STRING, null, false)
            .field("InfrastructureLabels", GoType.MAP_STRING_STRING, null, false)
            // struct-valued fields are typed interface {} here: the value model has no zero struct
            .field("ObjectMeta", GoType.ANY, null, false)
            .field("Spec", GoType.ANY, null, false)
            .field("Ports", GoType.sliceOf(PORT.type()), null, false)
            .field("ProxyConfig", GoType.pointerTo(PROXY_CONFIG.type()), null, false)
            .field("MeshConfig", GoType.pointerTo(MESH_CONFIG.type()), null, false)
            .field("Values", GoType.MAP_STRING_ANY, null, false)
            .build();

    private static JsonNode istioTemplates;
    private static JsonNode istioValues;
    private static JsonNode ourTemplates;

    @BeforeAll
    static void load() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED),
                "../shared/conformance/istio-inject is absent: skipping the comparison with Istio's templates");
        istioTemplates = YAML.readTree(Files.readString(SHARED.resolve("config.yaml"))).path("templates");
        istioValues = JSON.readTree(Files.readString(SHARED.resolve("values.json")));
        ourTemplates = YAML.readTree(EmbeddedDefaults.config()).path("templates");
    }

    @Test
    void defaultInput() throws Exception {
        compareAll(input(istioValues, 130, Map.of("x", "1", "kubectl.kubernetes.io/last-applied-configuration", "{}"),
                Map.of("team", "a"), "istio.io-mesh-controller", List.of(), "ClusterIP", Map.of()));
    }

    @Test
    void everyOptionalBlockOn() throws Exception {
        JsonNode values = DefaultTemplatesEquivalenceTest.mergePatch(istioValues, JSON.readTree("""
                {"global":{"waypoint":{"affinity":{"podAntiAffinity":{}},"tolerations":[{"key":"k"}],
                  "nodeSelector":{"disk":"ssd"},"topologySpreadConstraints":[{"maxSkew":1}]},
                  "platform":"openshift","imagePullSecrets":["s"],"logAsJson":true,"network":"n1","meshID":"m",
                  "caAddress":"ca:15012","agentgateway":{"image":"reg/agw:1"},"proxy":{"outlierLogPath":"/o"}},
                 "gateways":{"seccompProfile":{"type":"RuntimeDefault"}},
                 "pilot":{"env":{"ENABLE_CLUSTER_TRUST_BUNDLE_API":true}}}"""));
        compareAll(input(values, 127, Map.of(), Map.of("topology.istio.io/network", "n2"),
                "istio.io-eastwest-controller", List.of("1.2.3.4"), "LoadBalancer", Map.of()));
    }

    @Test
    void alternativeBranches() throws Exception {
        JsonNode values = DefaultTemplatesEquivalenceTest.mergePatch(istioValues, JSON.readTree("""
                {"gateways":{"securityContext":{"runAsUser":3}},
                 "global":{"proxy":{"lifecycle":{"preStop":{"exec":{"command":["sleep","1"]}}}},"sts":{"servicePort":15012},
                  "pilotCertProvider":"kubernetes","caName":"GkeWorkloadCertificate","revision":"canary",
                  "waypoint":{"resources":null}}}"""));
        compareAll(input(values, 130, Map.of(), Map.of(), "istio.io-mesh-controller", List.of(), "NodePort",
                Map.of("sidecar.istio.io/proxyImage", "reg/proxy:1", "gateway.istio.io/agentgatewayImage", "reg/agw:2",
                        "sidecar.istio.io/logLevel", "debug")));
    }

    private static void compareAll(Object input) throws Exception {
        for (String name : TEMPLATES) {
            List<JsonNode> istio = render(istioTemplates.path(name).asText(), input);
            List<JsonNode> ours = render(ourTemplates.path(name).asText(), input);
            assertEquals(5, istio.size(), name + ": Istio's template renders ServiceAccount, Deployment, Service, HPA, PDB");
            assertEquals(istio, ours, name + " renders differently from Istio's");
        }
    }

    private static List<JsonNode> render(String template, Object input) throws Exception {
        String text = TemplateSet.parse("inject", template, FuncMaps.istio()).execute(input);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) docs.add(d);
            }
        }
        assertTrue(docs.stream().allMatch(JsonNode::isObject), "every document is an object");
        return docs;
    }

    private static Object input(JsonNode values, long kubeVersion, Map<String, String> infraAnnotations,
                                Map<String, String> infraLabels, String controller, List<String> addresses,
                                String serviceType, Map<String, String> podAnnotations) {
        Map<String, Object> f = new HashMap<>();
        f.put("ServiceAccount", "gw-istio");
        f.put("Namespace", "ns1");
        f.put("Name", "gw");
        f.put("UID", "7d2f1c2e-0000-4000-8000-000000000001");
        f.put("GatewayClass", "istio-waypoint");
        f.put("DeploymentName", "gw-istio");
        f.put("ControllerLabel", controller);
        f.put("GatewayNameLabel", "gateway.networking.k8s.io/gateway-name");
        f.put("Revision", "");
        f.put("ServiceType", serviceType);
        f.put("ClusterID", "Kubernetes");
        f.put("ProxyImage", "registry.istio.io/testing/proxyv2:latest");
        f.put("AgentgatewayImage", "registry.istio.io/testing/agentgateway:latest");
        f.put("KubeVersion", kubeVersion);
        f.put("ProxyUID", new GoInt(GoType.INT64, 1337));
        f.put("ProxyGID", new GoInt(GoType.INT64, 1337));
        f.put("InfrastructureAnnotations", GoMap.ofStrings(infraAnnotations));
        f.put("InfrastructureLabels", GoMap.ofStrings(infraLabels));
        f.put("ObjectMeta", GoStructValue.of(KubeTypes.OBJECT_META, Map.of("Name", "gw",
                "Annotations", GoMap.ofStrings(podAnnotations), "Labels", GoMap.ofStrings(Map.of()))));
        List<Object> addr = new ArrayList<>();
        for (String a : addresses) addr.add(GoStructValue.of(ADDRESS, Map.of("Type", "IPAddress", "Value", a)));
        f.put("Spec", GoStructValue.of(GATEWAY_SPEC, Map.of("Addresses", new GoSlice(GoType.sliceOf(ADDRESS.type()), addr))));
        f.put("Ports", new GoSlice(GoType.sliceOf(PORT.type()), List.of(
                GoStructValue.of(PORT, Map.of("Name", "mesh", "Protocol", "TCP", "AppProtocol", "all", "Port", 15008)),
                GoStructValue.of(PORT, Map.of("Name", "http", "Protocol", "TCP", "AppProtocol", "http", "Port", 80)))));
        f.put("ProxyConfig", new ProxyConfigMessage(GoStructValue.of(PROXY_CONFIG, Map.of(
                "InterceptionMode", new GoInt(PROXY_CONFIG.fields().get(0).type(), 0),
                "ProxyMetadata", GoMap.ofStrings(Map.of("ISTIO_META_X", "y")),
                "DiscoveryAddress", "istiod.istio-system.svc:15012"))));
        f.put("MeshConfig", GoStructValue.of(MESH_CONFIG, Map.of("TrustDomain", "cluster.local")));
        f.put("Values", GoValues.fromJson(values));
        return GoStructValue.of(INPUT, f);
    }

    /** A ProxyConfig for {@code protoToJSON}: the fields above, printed as compact JSON. */
    private record ProxyConfigMessage(GoStructValue fields) implements GoProtoMessage {
        @Override
        public GoType goType() {
            return GoType.pointerTo(PROXY_CONFIG.type());
        }

        @Override
        public Object member(String name) {
            return fields.member(name);
        }

        @Override
        public JsonNode toJson() {
            return fields.toJson();
        }

        @Override
        public String toProtoJson() {
            return fields.toJson().toString();
        }
    }
}
