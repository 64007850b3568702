package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkloadIdentityTest {
    private static JsonNode pod(String json) throws Exception {
        return Json.JSON.readTree(json);
    }

    @Test
    void plainPod() throws Exception {
        assertEquals(new WorkloadIdentity("Pod", "v1", "hello", "ns"),
                WorkloadIdentity.fromPod(pod("{\"metadata\":{\"name\":\"hello\",\"namespace\":\"ns\"}}")));
    }

    @Test
    void deploymentFromReplicaSetHash() throws Exception {
        String p = "{\"metadata\":{\"generateName\":\"hello-fake-\",\"labels\":{\"pod-template-hash\":\"fake\"},"
                + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"hello-fake\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("Deployment", "apps/v1", "hello", ""), WorkloadIdentity.fromPod(pod(p)));
    }

    @Test
    void replicaSetWithoutMatchingHashStaysReplicaSet() throws Exception {
        String p = "{\"metadata\":{\"name\":\"x\",\"generateName\":\"rs-\",\"labels\":{\"pod-template-hash\":\"abc\"},"
                + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("ReplicaSet", "apps/v1", "rs", ""), WorkloadIdentity.fromPod(pod(p)));
    }

    @Test
    void rolloutDeploymentConfigCronJob() throws Exception {
        String rollout = "{\"metadata\":{\"generateName\":\"r-\",\"labels\":{\"rollouts-pod-template-hash\":\"h1\"},"
                + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"ro-h1\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("Rollout", "v1alpha1", "ro", ""), WorkloadIdentity.fromPod(pod(rollout)));
        String dc = "{\"metadata\":{\"generateName\":\"d-\",\"labels\":{\"deploymentconfig\":\"frontend\"},"
                + "\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\",\"name\":\"frontend-1\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("DeploymentConfig", "v1", "frontend", ""), WorkloadIdentity.fromPod(pod(dc)));
        String cron = "{\"metadata\":{\"generateName\":\"j-\",\"ownerReferences\":[{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\","
                + "\"name\":\"nightly-28912345\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("CronJob", "batch/v1", "nightly", ""), WorkloadIdentity.fromPod(pod(cron)));
        String job = "{\"metadata\":{\"generateName\":\"j-\",\"ownerReferences\":[{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\","
                + "\"name\":\"once-123\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("Job", "batch/v1", "once-123", ""), WorkloadIdentity.fromPod(pod(job)));
    }

    @Test
    void noGenerateNameIgnoresOwners() throws Exception {
        String p = "{\"metadata\":{\"name\":\"n\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\",\"controller\":true}]}}";
        assertEquals(new WorkloadIdentity("Pod", "v1", "n", ""), WorkloadIdentity.fromPod(pod(p)));
    }

    @Test
    void nonControllerRefsAreIgnoredAndEmptyNameFallsBack() throws Exception {
        String p = "{\"metadata\":{\"generateName\":\"g-\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\"}]}}";
        assertEquals(new WorkloadIdentity("Pod", "v1", "", ""), WorkloadIdentity.fromPod(pod(p)));
    }
}
