package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload a pod belongs to (inject-spec d.3, Istio's GetDeployMetaFromPod): template fields
 * {@code .TypeMeta.Kind/APIVersion} and {@code .DeploymentMeta.Name/Namespace}.
 */
public record WorkloadIdentity(String kind, String apiVersion, String name, String namespace) {
    private static final Pattern CRONJOB_JOB = Pattern.compile("^(.+)-\\d{8,10}$");

    /** Derives the identity from owner references, as the webhook does for every pod. */
    public static WorkloadIdentity fromPod(JsonNode pod) {
        JsonNode meta = pod.path("metadata");
        String podName = Json.text(meta, "name");
        String namespace = Json.text(meta, "namespace");
        String kind = "Pod";
        String apiVersion = "v1";
        String name = podName;
        if (!Json.text(meta, "generateName").isEmpty()) {
            JsonNode ref = null;
            for (JsonNode r : Json.arr(meta, "ownerReferences")) {
                if (r.path("controller").asBoolean(false)) {
                    ref = r;
                    break;
                }
            }
            if (ref != null) {
                kind = Json.text(ref, "kind");
                apiVersion = Json.text(ref, "apiVersion");
                name = Json.text(ref, "name");
                Map<String, String> labels = Json.stringMap(meta.get("labels"));
                String hash = labels.getOrDefault("pod-template-hash", "");
                String rolloutHash = labels.getOrDefault("rollouts-pod-template-hash", "");
                String dc = labels.getOrDefault("deploymentconfig", "");
                Matcher job = CRONJOB_JOB.matcher(name);
                if (kind.equals("ReplicaSet") && !hash.isEmpty() && name.endsWith(hash)) {
                    name = trimSuffix(name, hash);
                    kind = "Deployment";
                } else if (kind.equals("ReplicaSet") && !rolloutHash.isEmpty() && name.endsWith(rolloutHash)) {
                    name = trimSuffix(name, rolloutHash);
                    kind = "Rollout";
                    apiVersion = "v1alpha1";
                } else if (kind.equals("ReplicationController") && !dc.isEmpty()) {
                    name = dc;
                    kind = "DeploymentConfig";
                } else if (kind.equals("Job") && job.matches()) {
                    name = job.group(1);
                    kind = "CronJob";
                    apiVersion = "batch/v1";
                }
            }
        }
        if (name.isEmpty()) name = podName;
        return new WorkloadIdentity(kind, apiVersion, name, namespace);
    }

    /** Go {@code strings.TrimSuffix(name, "-"+hash)}: unchanged when the dash-prefixed hash is not the suffix. */
    private static String trimSuffix(String name, String hash) {
        String suffix = "-" + hash;
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }
}
