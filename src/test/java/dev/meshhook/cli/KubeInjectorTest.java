package dev.meshhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeInjectorTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Marks the pod so the test sees which templates reached the pipeline. */
    private static final KubeInjector.PodInjector MARK = (pod, workload, warnings) -> {
        ObjectNode out = pod.deepCopy();
        ((ObjectNode) out.with("metadata").with("annotations")).put("seen", workload.kind() + "/" + workload.name());
        return Optional.of(out);
    };

    private static KubeInjector injector(KubeInjector.PodInjector p) {
        return new KubeInjector(p, node -> {
            try {
                return YAML.writeValueAsString(node).replaceFirst("^---\n", "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void splitsLikeKubernetes() {
        List<YamlDocuments.Document> docs = YamlDocuments.split("---\na: 1\n--- # comment\n---\nb: 2\n---   \nc: 3");
        assertEquals(List.of("a: 1\n", "b: 2\n", "c: 3"), docs.stream().map(YamlDocuments.Document::text).toList());
        assertEquals(5, docs.get(1).line());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YamlDocuments.split("a: 1\n----\n"));
        assertTrue(e.getMessage().startsWith("invalid Yaml document separator: -"), e.getMessage());
    }

    @Test
    void unknownKindsPassThroughVerbatimAndWorkloadsAreInjected() throws Exception {
        String service = "# keep me\nkind: Service\napiVersion: v1\nmetadata: {name: 'svc'}\n";
        String deploy = "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: web, namespace: prod}\n"
                + "spec: {template: {spec: {containers: [{name: app, image: nginx}]}}}\n";
        KubeInjector.Result r = injector(MARK).run(service + "---\n" + deploy);
        String[] parts = r.output().split("---\n", -1);
        assertEquals(service, parts[0]);
        JsonNode out = YAML.readTree(parts[1]);
        assertEquals("Deployment/web", out.at("/spec/template/metadata/annotations/seen").asText());
        assertEquals("{}", out.at("/status").toString());
        assertEquals("{}", out.at("/spec/template/spec/containers/0/resources").toString());
        assertTrue(r.output().endsWith("---\n"));
    }

    @Test
    void cronJobEditsJobTemplateMetadataAndListsRecurse() throws Exception {
        String cron = "kind: CronJob\napiVersion: batch/v1\nmetadata: {name: c}\nspec: {schedule: '* * * * *', jobTemplate: "
                + "{spec: {template: {spec: {containers: [{name: a}]}}}}}\n";
        JsonNode out = YAML.readTree(injector(MARK).run(cron).output().replace("---\n", ""));
        assertEquals("CronJob/c", out.at("/spec/jobTemplate/metadata/annotations/seen").asText());
        assertEquals("{}", out.at("/spec/jobTemplate/spec/template/metadata").toString());

        String list = "kind: List\napiVersion: v1\nitems:\n- {kind: Service, apiVersion: v1, metadata: {name: s}}\n"
                + "- {kind: Pod, apiVersion: v1, metadata: {name: p}, spec: {containers: [{name: a}]}}\n";
        JsonNode l = YAML.readTree(injector(MARK).run(list).output().replace("---\n", ""));
        assertEquals("Pod/p", l.at("/items/1/metadata/annotations/seen").asText());
        assertEquals("s", l.at("/items/0/metadata/name").asText());
        assertEquals("{}", l.at("/metadata").toString());
    }

    @Test
    void skipsHostNetworkAndDisabledPodsWithIstioWarnings() throws Exception {
        String pod = "kind: Pod\napiVersion: v1\nmetadata: {name: p, namespace: ns}\nspec: {hostNetwork: true, containers: [{name: a}]}\n";
        KubeInjector.Result r = injector(MARK).run(pod);
        assertEquals(List.of("===> Skipping injection because \"ns/p\" has host networking enabled"), r.warnings());

        String dep = "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: a}]}}}\n";
        KubeInjector.Result s = injector((p, w, warn) -> Optional.empty()).run(dep);
        assertEquals(List.of("===> Skipping injection because Deployment \"d\" has sidecar injection disabled"), s.warnings());
    }

    @Test
    void errorsNameTheDocument() {
        KubeInjector.KubeInjectException e = assertThrows(KubeInjector.KubeInjectException.class,
                () -> injector(MARK).run("kind: Service\n---\nkind: Pod\n  bad: [\n"));
        assertTrue(e.getMessage().startsWith("document 2 (line 3): YAML does not parse"), e.getMessage());
        KubeInjector.KubeInjectException rc = assertThrows(KubeInjector.KubeInjectException.class,
                () -> injector(MARK).run("kind: ReplicationController\napiVersion: v1\nmetadata: {name: r}\nspec: {}\n"));
        assertTrue(rc.getMessage().endsWith("spec.template is required value"), rc.getMessage());
        assertThrows(KubeInjector.KubeInjectException.class, () -> injector(MARK).run("- a\n- b\n"));
    }
}
