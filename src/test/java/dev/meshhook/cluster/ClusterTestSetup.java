package dev.meshhook.cluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.function.Consumer;

/** Cluster content present before the application starts (as kubectl apply -k k8s/base would leave it). */
public class ClusterTestSetup implements Consumer<KubernetesServer> {

    static final String NS = "mesh";

    @Override
    public void accept(KubernetesServer server) {
        KubernetesClient c = server.getClient();
        c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").addToLabels("istio-injection", "enabled")
                .addToAnnotations("openshift.io/sa.scc.uid-range", "1000650000/10000").endMetadata().build()).create();
        c.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata()
                .withNewStatus().withNewNodeInfo().withKubeletVersion("v1.33.2").endNodeInfo().endStatus().build()).create();
        // the shipped default configuration, as k8s/base generates it from templates/
        c.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("istio-sidecar-injector")
                .endMetadata().addToData("config", template("config")).addToData("values", template("values")).build()).create();
        c.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("istio").endMetadata()
                .addToData("mesh", template("mesh")).build()).create();
        createWebhookConfigurations(c, "meshhook-sidecar-injector", "meshhook-validator");
    }

    static String template(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("templates", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void createWebhookConfigurations(KubernetesClient c, String mwc, String vwc) {
        c.admissionRegistration().v1().mutatingWebhookConfigurations().resource(new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(mwc).endMetadata()
                .addNewWebhook().withName("rev.namespace.sidecar-injector.istio.io").withFailurePolicy("Fail")
                .withSideEffects("None").withAdmissionReviewVersions("v1")
                .withNewClientConfig().withNewService().withName("meshhook").withNamespace(NS).withPath("/inject").withPort(443)
                .endService().endClientConfig().endWebhook()
                .addNewWebhook().withName("namespace.sidecar-injector.istio.io").withFailurePolicy("Fail")
                .withSideEffects("None").withAdmissionReviewVersions("v1")
                .withNewClientConfig().withNewService().withName("meshhook").withNamespace(NS).withPath("/inject").withPort(443)
                .endService().endClientConfig().endWebhook().build()).create();
        c.admissionRegistration().v1().validatingWebhookConfigurations().resource(new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(vwc).endMetadata()
                .addNewWebhook().withName("rev.validation.istio.io").withFailurePolicy("Ignore")
                .withSideEffects("None").withAdmissionReviewVersions("v1")
                .withNewClientConfig().withNewService().withName("meshhook").withNamespace(NS).withPath("/validate").withPort(443)
                .endService().endClientConfig().endWebhook().build()).create();
    }
}
