package dev.meshhook.cluster;

import dev.meshhook.certs.CertificateFactory;
import dev.meshhook.certs.CertificateState;
import dev.meshhook.certs.Pem;
import dev.meshhook.certs.RotationPolicy;
import dev.meshhook.certs.TlsFiles;
import dev.meshhook.config.ConfigHolder;
import dev.meshhook.config.InjectorSetup;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster side against fabric8's mock API server in CRUD mode. One Quarkus start for all of it: the methods run
 * in order and build on each other (the last one takes the application's leader down).
 */
@WithKubernetesTestServer(setup = ClusterTestSetup.class)
@TestProfile(ClusterTestProfile.class)
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTest {

    private static final String NS = ClusterTestSetup.NS;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;
    @Inject
    ConfigHolder<InjectorSetup> holder;
    @Inject
    ClusterRuntime runtime;
    @Inject
    @org.eclipse.microprofile.health.Readiness
    ClusterReadiness readiness;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    @Order(1)
    void configMapsAreInstalledAndEditsSwapTheConfig() {
        Eventually.await(WAIT, "ConfigMap config installed", () -> origin().startsWith("configmap:mesh/istio-sidecar-injector@"));
        assertEquals(ClusterTestSetup.template("config"), holder.current().orElseThrow().sources().config());
        assertEquals("enabled", holder.current().orElseThrow().compiled().config().policy());
        long generation = holder.current().orElseThrow().generation();
        // policy enabled: a plain pod is injected
        given().contentType("application/json").body(podReview()).when().post("/inject").then().statusCode(200)
                .body("response.allowed", is(true)).body("response.patchType", is("JSONPatch"))
                .body("response.patch", notNullValue());

        editInjectorConfig(ClusterTestSetup.template("config").replace("policy: enabled", "policy: disabled"));
        Eventually.await(WAIT, "edited config installed",
                () -> "disabled".equals(holder.current().orElseThrow().compiled().config().policy()));
        assertEquals(generation + 1, holder.current().orElseThrow().generation(), "one atomic swap per edit");
        // the very next review runs on the edited ConfigMap: policy disabled, no annotation, no sidecar
        given().contentType("application/json").body(podReview()).when().post("/inject").then().statusCode(200)
                .body("response.allowed", is(true)).body("response.patch", nullValue());

        client.configMaps().inNamespace(NS).withName("istio").edit(cm -> new ConfigMapBuilder(cm)
                .addToData("mesh", ClusterTestSetup.template("mesh").replace("trustDomain: cluster.local", "trustDomain: example.org"))
                .build());
        Eventually.await(WAIT, "mesh edit installed",
                () -> "example.org".equals(holder.current().orElseThrow().compiled().mesh().trustDomain()));
        assertEquals("disabled", holder.current().orElseThrow().compiled().config().policy(), "injector part kept");
    }

    @Test
    @Order(2)
    void brokenEditKeepsTheLastGoodConfigAndShowsWhy() {
        var good = holder.current().orElseThrow();
        editInjectorConfig("policy: [unclosed\n");
        Eventually.await(WAIT, "rejection recorded",
                () -> runtime.configWatcher().orElseThrow().status().rejected() >= 1);
        assertEquals(good.generation(), holder.current().orElseThrow().generation(), "last good config kept");
        assertTrue(holder.lastRejection().isPresent());
        var status = runtime.configWatcher().orElseThrow().status();
        assertTrue(status.loaded());
        assertTrue(status.lastError().startsWith("configmap:mesh/istio-sidecar-injector@"), status.lastError());

        var health = readiness.call();
        assertEquals(1L, ((Number) health.getData().orElseThrow().get("config.rejected")).longValue());
        assertTrue(health.getData().orElseThrow().get("config.lastError").toString().contains("istio-sidecar-injector"));
        assertEquals(1.0, meters.get("meshhook_config_rejected").tag("namespace", "mesh").counter().count());

        client.configMaps().inNamespace(NS).withName("istio-sidecar-injector").edit(cm -> new ConfigMapBuilder(cm)
                .removeFromData("values").build());
        Eventually.await(WAIT, "missing key rejected", () -> runtime.configWatcher().orElseThrow().status().rejected() >= 2);
        assertTrue(runtime.configWatcher().orElseThrow().status().lastError().contains("missing ConfigMap config key \"values\""));
        assertTrue(holder.lastRejection().orElseThrow().reason().contains("values"), "service readiness shows it too");
        assertEquals(good.generation(), holder.current().orElseThrow().generation());
    }

    @Test
    @Order(3)
    void secretIsCreatedOnceAndServedFromTheTlsDirectory() throws Exception {
        Eventually.await(WAIT, "Secret", () -> secret() != null);
        Eventually.await(WAIT, "files from Secret", () -> TlsFiles.read(Path.of(ClusterTestProfile.TLS_DIR))
                .map(m -> m.certificatePem().equals(secretText(CertificateState.KEY_CERT))).orElse(false));
        String rv = secret().getMetadata().getResourceVersion();
        X509Certificate serving = Pem.readCertificate(secretText(CertificateState.KEY_CERT));
        assertTrue(serving.getSubjectAlternativeNames().stream().anyMatch(l -> l.get(1).equals("meshhook.mesh.svc")));
        // several check intervals pass: nothing is due, so nothing is written
        Thread.sleep(5000);
        assertEquals(rv, secret().getMetadata().getResourceVersion(), "no write when nothing changes");
        Eventually.await(WAIT, "ready", () -> readiness.call().getStatus() == org.eclipse.microprofile.health.HealthCheckResponse.Status.UP);
        var data = readiness.call().getData().orElseThrow();
        assertEquals(true, data.get("certs.fromSecret"));
        assertEquals("replica-1", data.get("certs.leader"));
        double left = meters.get("meshhook_certificate_expiry_seconds").tag("certificate", "serving").gauge().value();
        assertTrue(left > Duration.ofDays(29).toSeconds() && left <= Duration.ofDays(30).toSeconds(), "serving expiry " + left);
    }

    @Test
    @Order(4)
    void caBundleIsPatchedAndRepatchedAfterAnOverwrite() {
        String bundle = b64(secretText(CertificateState.KEY_BUNDLE));
        Eventually.await(WAIT, "caBundle patched", () -> mutatingBundles("meshhook-sidecar-injector").stream().allMatch(bundle::equals)
                && validatingBundles("meshhook-validator").stream().allMatch(bundle::equals));

        // someone re-applies the manifest: caBundle wiped on one webhook, failurePolicy as deployed
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("meshhook-sidecar-injector")
                .edit(m -> { m.getWebhooks().get(1).getClientConfig().setCaBundle(null); return m; });
        Eventually.await(WAIT, "caBundle re-patched", () -> mutatingBundles("meshhook-sidecar-injector").stream().allMatch(bundle::equals));
        MutatingWebhookConfiguration mwc = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("meshhook-sidecar-injector").get();
        assertEquals(List.of("Fail", "Fail"), mwc.getWebhooks().stream().map(MutatingWebhook::getFailurePolicy).toList());
        assertEquals("Ignore", client.admissionRegistration().v1().validatingWebhookConfigurations().withName("meshhook-validator")
                .get().getWebhooks().get(0).getFailurePolicy(), "failurePolicy never changed at run time");
    }

    @Test
    @Order(5)
    void clusterFactsComeFromInformers() {
        InformedClusterFacts facts = runtime.facts().orElseThrow();
        Eventually.await(WAIT, "facts synced", facts::synced);
        assertEquals(Map.of("node-a", "v1.33.2"), facts.kubeletVersions("Kubernetes").orElseThrow());
        assertEquals("1000650000/10000", facts.namespaceAnnotations("Kubernetes", "apps").orElseThrow()
                .get("openshift.io/sa.scc.uid-range"));
        assertTrue(facts.kubeletVersions("other-cluster").isEmpty());
        client.nodes().withName("node-a").edit(n -> { n.getStatus().getNodeInfo().setKubeletVersion("v1.34.0"); return n; });
        Eventually.await(WAIT, "node update seen", () -> "v1.34.0".equals(facts.kubeletVersions("Kubernetes").orElseThrow().get("node-a")));
    }

    @Test
    @Order(6)
    void caRotatesWithOverlap() {
        String mwc = "rotation-injector";
        String vwc = "rotation-validator";
        ClusterTestSetup.createWebhookConfigurations(client, mwc, vwc);
        RotationPolicy fast = new RotationPolicy(Duration.ofSeconds(24), Duration.ofSeconds(12), 1.0 / 3,
                Duration.ofSeconds(2), CertificateFactory.serviceDnsNames("meshhook", NS, "cluster.local"), List.of());
        Path dir = Path.of("target/cluster-it/rotation");
        var config = new WebhookCertificateManager.Config(NS, "rotation-certs", "rotation-leader", "rotator", dir,
                List.of(mwc), List.of(vwc), fast, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(3),
                Duration.ofMillis(500));
        List<List<String>> bundles = new ArrayList<>();
        List<String> servingIssuers = new ArrayList<>();
        try (var mgr = new WebhookCertificateManager(client, config, Clock.systemUTC(), new SimpleMeterRegistry())) {
            mgr.start();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end && !(bundles.size() >= 3 && bundles.get(bundles.size() - 1).size() == 1
                    && !bundles.get(0).equals(bundles.get(bundles.size() - 1)))) {
                List<String> published = mutatingBundles(mwc);
                if (!published.isEmpty() && published.get(0) != null) {
                    List<String> subjects = Pem.readCertificates(new String(Base64.getDecoder().decode(published.get(0)),
                            StandardCharsets.US_ASCII)).stream().map(c -> c.getSubjectX500Principal().getName()).toList();
                    if (bundles.isEmpty() || !bundles.get(bundles.size() - 1).equals(subjects)) {
                        bundles.add(subjects);
                        // what the replicas serve at the moment the bundle changes must chain to a published CA
                        String issuer = TlsFiles.read(dir).map(m -> Pem.readCertificate(m.certificatePem())
                                .getIssuerX500Principal().getName()).orElse("");
                        servingIssuers.add(issuer);
                        assertTrue(issuer.isEmpty() || subjects.contains(issuer), "served cert's CA " + issuer + " not in published bundle " + subjects);
                    }
                }
                sleep(100);
            }
        }
        // one CA -> old+new CA (published before the switch) -> new CA only
        assertTrue(bundles.size() >= 3, "bundle sequence " + bundles);
        assertEquals(1, bundles.get(0).size(), bundles.toString());
        int two = -1;
        for (int i = 0; i < bundles.size(); i++) {
            if (bundles.get(i).size() == 2) {
                two = i;
                break;
            }
        }
        assertTrue(two > 0, "an overlap bundle with two CAs: " + bundles);
        assertTrue(bundles.get(two).containsAll(bundles.get(two - 1)), "new CA joined, old CA stayed: " + bundles);
        List<String> last = bundles.get(bundles.size() - 1);
        assertEquals(1, last.size());
        assertFalse(bundles.get(0).equals(last), "CA replaced: " + bundles);
        assertTrue(bundles.get(two).containsAll(last), "final CA was already published in the overlap bundle: " + bundles);
    }

    @Test
    @Order(7)
    void secondReplicaDoesNotFightAndTakesOverWhenTheLeaderLeaves() {
        String rv = secret().getMetadata().getResourceVersion();
        Path dir2 = Path.of("target/cluster-it/tls-replica-2");
        var appConfig = runtime.managerConfig(Path.of(ClusterTestProfile.TLS_DIR));
        var config2 = new WebhookCertificateManager.Config(appConfig.namespace(), appConfig.secretName(), appConfig.leaseName(),
                "replica-2", dir2, appConfig.mutatingConfigurations(), appConfig.validatingConfigurations(), appConfig.policy(),
                Duration.ofSeconds(1), appConfig.leaseDuration(), appConfig.renewDeadline(), appConfig.retryPeriod());
        try (var replica2 = new WebhookCertificateManager(client, config2, Clock.systemUTC(), new SimpleMeterRegistry())) {
            replica2.start();
            Eventually.await(WAIT, "replica-2 serves the shared Secret", () -> TlsFiles.read(dir2)
                    .map(m -> m.certificatePem().equals(secretText(CertificateState.KEY_CERT))).orElse(false));
            sleep(3000);
            assertFalse(replica2.isLeader());
            assertEquals("replica-1", replica2.status().currentLeader());
            assertEquals(rv, secret().getMetadata().getResourceVersion(), "the follower wrote nothing");

            // replica-1 shuts down: it releases the Lease, replica-2 takes over without rewriting anything
            runtime.certificates().orElseThrow().close();
            Eventually.await(WAIT, "replica-2 leads", replica2::isLeader);
            sleep(2000);
            assertEquals(rv, secret().getMetadata().getResourceVersion(), "takeover rewrote nothing");
            String bundle = b64(secretText(CertificateState.KEY_BUNDLE));
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName("meshhook-validator")
                    .edit(v -> { v.getWebhooks().get(0).getClientConfig().setCaBundle("Zm9v"); return v; });
            Eventually.await(WAIT, "new leader re-patches", () -> validatingBundles("meshhook-validator").stream().allMatch(bundle::equals));
        }
    }

    private static String podReview() {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1",
                 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
                 "operation":"CREATE","namespace":"apps","object":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"web","namespace":"apps","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":8080}]}]}}}}
                """;
    }

    private String origin() {
        return holder.current().map(c -> c.sources().origin()).orElse("");
    }

    private void editInjectorConfig(String config) {
        client.configMaps().inNamespace(NS).withName("istio-sidecar-injector").edit(cm -> new ConfigMapBuilder(cm)
                .addToData("config", config).build());
    }

    private Secret secret() {
        return client.secrets().inNamespace(NS).withName("meshhook-webhook-certs").get();
    }

    private String secretText(String key) {
        return new String(Base64.getDecoder().decode(secret().getData().get(key)), StandardCharsets.US_ASCII);
    }

    private List<String> mutatingBundles(String name) {
        MutatingWebhookConfiguration m = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
        return m.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).toList();
    }

    private List<String> validatingBundles(String name) {
        ValidatingWebhookConfiguration v = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
        return v.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).filter(Objects::nonNull).toList();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
