package dev.meshhook.inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three webhook outcomes and Istio's failure texts (inject-spec l.5), over the "minimal" golden config. */
class WebhookOutcomeTest {
    private static Injector injector;

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = Path.of("src/test/resources/inject-golden/minimal");
        injector = Injector.create(InjectorConfig.parse(Files.readString(dir.resolve("config.yaml"))),
                InjectorValues.parse(Files.readString(dir.resolve("values.json"))),
                MeshConfig.parse(Files.readString(dir.resolve("mesh.yaml"))), "default", InjectorEnv.defaults(), ClusterFacts.NONE);
    }

    private static InjectionOutcome inject(String podYaml) throws Exception {
        return injector.inject(new InjectionRequest((ObjectNode) Json.readYaml(podYaml), "default", "/inject"));
    }

    @Test
    void skipCarriesTheReason() throws Exception {
        InjectionOutcome.Skipped s = assertInstanceOf(InjectionOutcome.Skipped.class,
                inject("metadata: {name: p, labels: {sidecar.istio.io/inject: 'false'}}\nspec: {containers: [{name: a}]}"));
        assertEquals("label sidecar.istio.io/inject=\"false\" (policy enabled)", s.reason());
    }

    @Test
    void unknownTemplateFailsWithIstioText() throws Exception {
        InjectionOutcome.Failed f = assertInstanceOf(InjectionOutcome.Failed.class,
                inject("metadata: {name: p, annotations: {inject.istio.io/templates: 'mini,'}}\nspec: {containers: [{name: a}]}"));
        assertEquals("failed to run injection template: requested template \"\" not found; have mini", f.message());
    }

    @Test
    void invalidAnnotationFails() throws Exception {
        InjectionOutcome.Failed f = assertInstanceOf(InjectionOutcome.Failed.class,
                inject("metadata: {name: p, annotations: {sidecar.istio.io/interceptionMode: X}}\nspec: {containers: [{name: a}]}"));
        assertEquals("failed to run injection template: 1 error occurred:\n\t* invalid value 'X' for annotation "
                + "'sidecar.istio.io/interceptionMode': interceptionMode invalid, use REDIRECT,TPROXY,NONE: X\n\n", f.message());
    }

    @Test
    void undecodablePodFails() throws Exception {
        InjectionOutcome.Failed f = assertInstanceOf(InjectionOutcome.Failed.class,
                inject("metadata: {name: p}\nspec: {containers: 5}"));
        assertTrue(f.message().contains("cannot unmarshal"), f.message());
    }

    @Test
    void badTemplateIsRejectedAtConstruction() {
        InjectorConfigException e = assertThrows(InjectorConfigException.class, () -> Injector.create(
                InjectorConfig.parse("templates:\n  broken: '{{ if }}'\n"), InjectorValues.parse("{}"), MeshConfig.defaults(),
                "default", InjectorEnv.defaults(), ClusterFacts.NONE));
        assertTrue(e.getMessage().startsWith("failed to parse template \"broken\""), e.getMessage());
    }

    @Test
    void injectedPodNeverGetsNamespaceOrManagedFieldsOps() throws Exception {
        InjectionOutcome.Injected i = assertInstanceOf(InjectionOutcome.Injected.class,
                inject("metadata: {name: p, managedFields: [{manager: x}]}\nspec: {containers: [{name: a}]}"));
        i.patch().forEach(op -> assertTrue(!op.path("path").asText().startsWith("/metadata/managedFields")
                && !op.path("path").asText().equals("/metadata/namespace"), op.toString()));
        assertTrue(i.patch().size() > 0);
    }
}
