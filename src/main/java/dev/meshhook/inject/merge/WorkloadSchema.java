package dev.meshhook.inject.merge;

import static dev.meshhook.inject.merge.GoType.list;
import static dev.meshhook.inject.merge.GoType.struct;
import static dev.meshhook.inject.merge.PodSchema.BOOL;
import static dev.meshhook.inject.merge.PodSchema.INT32;
import static dev.meshhook.inject.merge.PodSchema.INT64;
import static dev.meshhook.inject.merge.PodSchema.LABEL_SELECTOR;
import static dev.meshhook.inject.merge.PodSchema.OBJECT_META;
import static dev.meshhook.inject.merge.PodSchema.POD_SPEC;
import static dev.meshhook.inject.merge.PodSchema.RAW;
import static dev.meshhook.inject.merge.PodSchema.RESOURCE_REQUIREMENTS;
import static dev.meshhook.inject.merge.PodSchema.STRING;
import static dev.meshhook.inject.merge.PodSchema.STRING_MAP;
import static dev.meshhook.inject.merge.PodSchema.TIME;

import java.util.Map;
import java.util.Optional;

/**
 * The workload types kube-inject decodes and re-encodes (inject-spec h.2): apps/v1 Deployment, DaemonSet,
 * StatefulSet, ReplicaSet, batch/v1 Job and CronJob, core/v1 ReplicationController and OpenShift's apps/v1
 * DeploymentConfig, around {@link PodSchema}'s pod template. Their round trip is what gives kube-inject output
 * Go's artefacts ({@code strategy: {}}, {@code status: {replicas: 0}}, ...). Parts kube-inject never looks into
 * (rolling-update parameters, claim templates, conditions) are kept as raw JSON.
 */
public final class WorkloadSchema {
    private WorkloadSchema() {}

    public static final GoType POD_TEMPLATE_SPEC = struct("v1.PodTemplateSpec")
            .field("metadata", OBJECT_META, "o").field("spec", POD_SPEC, "o");

    private static GoType workload(String name, GoType spec, GoType status) {
        return struct(name).field("kind", STRING, "o").field("apiVersion", STRING, "o")
                .field("metadata", OBJECT_META, "o").field("spec", spec, "o").field("status", status, "o");
    }

    private static final GoType ROLLING_STRATEGY = struct("apps.Strategy")
            .field("type", STRING, "o").field("rollingUpdate", RAW, "op");

    static final GoType DEPLOYMENT = workload("apps.Deployment",
            struct("apps.DeploymentSpec").field("replicas", INT32, "op").field("selector", LABEL_SELECTOR, "op")
                    .field("template", POD_TEMPLATE_SPEC, "").field("strategy", ROLLING_STRATEGY, "o")
                    .field("minReadySeconds", INT32, "o").field("revisionHistoryLimit", INT32, "op")
                    .field("paused", BOOL, "o").field("progressDeadlineSeconds", INT32, "op"),
            struct("apps.DeploymentStatus").field("observedGeneration", INT64, "o").field("replicas", INT32, "o")
                    .field("updatedReplicas", INT32, "o").field("readyReplicas", INT32, "o")
                    .field("availableReplicas", INT32, "o").field("unavailableReplicas", INT32, "o")
                    .field("terminatingReplicas", INT32, "op").field("conditions", RAW, "o")
                    .field("collisionCount", INT32, "op"));

    static final GoType DAEMON_SET = workload("apps.DaemonSet",
            struct("apps.DaemonSetSpec").field("selector", LABEL_SELECTOR, "op")
                    .field("template", POD_TEMPLATE_SPEC, "").field("updateStrategy", ROLLING_STRATEGY, "o")
                    .field("minReadySeconds", INT32, "o").field("revisionHistoryLimit", INT32, "op"),
            struct("apps.DaemonSetStatus").field("currentNumberScheduled", INT32, "")
                    .field("numberMisscheduled", INT32, "").field("desiredNumberScheduled", INT32, "")
                    .field("numberReady", INT32, "").field("observedGeneration", INT64, "o")
                    .field("updatedNumberScheduled", INT32, "o").field("numberAvailable", INT32, "o")
                    .field("numberUnavailable", INT32, "o").field("collisionCount", INT32, "op")
                    .field("conditions", RAW, "o"));

    static final GoType STATEFUL_SET = workload("apps.StatefulSet",
            struct("apps.StatefulSetSpec").field("replicas", INT32, "op").field("selector", LABEL_SELECTOR, "op")
                    .field("template", POD_TEMPLATE_SPEC, "").field("volumeClaimTemplates", RAW, "o")
                    .field("serviceName", STRING, "o").field("podManagementPolicy", STRING, "o")
                    .field("updateStrategy", ROLLING_STRATEGY, "o").field("revisionHistoryLimit", INT32, "op")
                    .field("minReadySeconds", INT32, "o").field("persistentVolumeClaimRetentionPolicy", RAW, "op")
                    .field("ordinals", RAW, "op"),
            struct("apps.StatefulSetStatus").field("observedGeneration", INT64, "o").field("replicas", INT32, "")
                    .field("readyReplicas", INT32, "o").field("currentReplicas", INT32, "o")
                    .field("updatedReplicas", INT32, "o").field("currentRevision", STRING, "o")
                    .field("updateRevision", STRING, "o").field("collisionCount", INT32, "op")
                    .field("conditions", RAW, "o").field("availableReplicas", INT32, ""));

    private static final GoType REPLICA_STATUS = struct("apps.ReplicaSetStatus").field("replicas", INT32, "")
            .field("fullyLabeledReplicas", INT32, "o").field("readyReplicas", INT32, "o")
            .field("availableReplicas", INT32, "o").field("terminatingReplicas", INT32, "op")
            .field("observedGeneration", INT64, "o").field("conditions", RAW, "o");

    static final GoType REPLICA_SET = workload("apps.ReplicaSet",
            struct("apps.ReplicaSetSpec").field("replicas", INT32, "op").field("minReadySeconds", INT32, "o")
                    .field("selector", LABEL_SELECTOR, "op").field("template", POD_TEMPLATE_SPEC, "o"),
            REPLICA_STATUS);

    static final GoType REPLICATION_CONTROLLER = workload("v1.ReplicationController",
            struct("v1.ReplicationControllerSpec").field("replicas", INT32, "op").field("minReadySeconds", INT32, "o")
                    .field("selector", STRING_MAP, "o").field("template", POD_TEMPLATE_SPEC, "op"),
            REPLICA_STATUS);

    private static final GoType JOB_SPEC = struct("batch.JobSpec").field("parallelism", INT32, "op")
            .field("completions", INT32, "op").field("activeDeadlineSeconds", INT64, "op")
            .field("podFailurePolicy", RAW, "op").field("successPolicy", RAW, "op").field("backoffLimit", INT32, "op")
            .field("backoffLimitPerIndex", INT32, "op").field("maxFailedIndexes", INT32, "op")
            .field("selector", LABEL_SELECTOR, "op").field("manualSelector", BOOL, "op")
            .field("template", POD_TEMPLATE_SPEC, "").field("ttlSecondsAfterFinished", INT32, "op")
            .field("completionMode", STRING, "op").field("suspend", BOOL, "op")
            .field("podReplacementPolicy", STRING, "op").field("managedBy", STRING, "op");

    static final GoType JOB = workload("batch.Job", JOB_SPEC,
            struct("batch.JobStatus").field("conditions", RAW, "o").field("startTime", TIME, "op")
                    .field("completionTime", TIME, "op").field("active", INT32, "o").field("succeeded", INT32, "o")
                    .field("failed", INT32, "o").field("terminating", INT32, "op").field("completedIndexes", STRING, "o")
                    .field("failedIndexes", STRING, "op").field("uncountedTerminatedPods", RAW, "op")
                    .field("ready", INT32, "op"));

    static final GoType CRON_JOB = workload("batch.CronJob",
            struct("batch.CronJobSpec").field("schedule", STRING, "").field("timeZone", STRING, "op")
                    .field("startingDeadlineSeconds", INT64, "op").field("concurrencyPolicy", STRING, "o")
                    .field("suspend", BOOL, "op")
                    .field("jobTemplate", struct("batch.JobTemplateSpec").field("metadata", OBJECT_META, "o")
                            .field("spec", JOB_SPEC, "o"), "")
                    .field("successfulJobsHistoryLimit", INT32, "op").field("failedJobsHistoryLimit", INT32, "op"),
            struct("batch.CronJobStatus").field("active", RAW, "o").field("lastScheduleTime", TIME, "op")
                    .field("lastSuccessfulTime", TIME, "op"));

    static final GoType DEPLOYMENT_CONFIG = workload("apps.openshift.io.DeploymentConfig",
            struct("apps.openshift.io.DeploymentConfigSpec")
                    .field("strategy", struct("apps.openshift.io.DeploymentStrategy").field("type", STRING, "o")
                            .field("customParams", RAW, "op").field("recreateParams", RAW, "op")
                            .field("rollingParams", RAW, "op").field("resources", RESOURCE_REQUIREMENTS, "o")
                            .field("labels", STRING_MAP, "o").field("annotations", STRING_MAP, "o")
                            .field("activeDeadlineSeconds", INT64, "op"), "o")
                    .field("minReadySeconds", INT32, "o").field("triggers", RAW, "")
                    .field("replicas", INT32, "").field("revisionHistoryLimit", INT32, "op").field("test", BOOL, "")
                    .field("paused", BOOL, "o").field("selector", STRING_MAP, "o")
                    .field("template", POD_TEMPLATE_SPEC, "op"),
            struct("apps.openshift.io.DeploymentConfigStatus").field("latestVersion", INT64, "")
                    .field("observedGeneration", INT64, "").field("replicas", INT32, "")
                    .field("updatedReplicas", INT32, "").field("availableReplicas", INT32, "")
                    .field("unavailableReplicas", INT32, "").field("details", RAW, "op")
                    .field("conditions", RAW, "o").field("readyReplicas", INT32, "o"));

    private static final Map<String, GoType> BY_KIND = Map.of("Pod", PodSchema.POD, "Deployment", DEPLOYMENT,
            "DaemonSet", DAEMON_SET, "StatefulSet", STATEFUL_SET, "ReplicaSet", REPLICA_SET,
            "ReplicationController", REPLICATION_CONTROLLER, "Job", JOB, "CronJob", CRON_JOB,
            "DeploymentConfig", DEPLOYMENT_CONFIG);

    /** The Go type kube-inject decodes a document of this kind into (by kind only, like Istio's scheme). */
    public static Optional<GoType> forKind(String kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }
}
