package dev.meshhook.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reproduces the JSON shape Kubernetes' Go types give an object after a decode/encode round trip:
 * fields in Go struct order, {@code omitempty} zero values dropped, pointer zero values kept, value
 * structs always present ({@code resources: {}}, {@code status: {}}), quantities canonical, nulls gone.
 * Upstream, every injected object makes that round trip, so output and patches must have this shape.
 *
 * <p>Unlike Go, fields this table does not know are kept as they are (after the known ones): dropping
 * them would lose user data whenever the table is behind the Kubernetes API.
 */
public final class GoShapes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, List<Field>> TYPES = new HashMap<>();
    private static final Map<String, String> KINDS = Map.of(
            "Pod", "Pod", "Deployment", "Deployment", "DaemonSet", "DaemonSet", "StatefulSet", "StatefulSet",
            "ReplicaSet", "ReplicaSet", "ReplicationController", "ReplicationController", "Job", "Job",
            "CronJob", "CronJob", "DeploymentConfig", "DeploymentConfig");

    private GoShapes() {}

    /** Normalises a whole workload object (Pod, Deployment, ...) by its {@code kind}. */
    public static Optional<ObjectNode> workload(JsonNode object) {
        String type = KINDS.get(object.path("kind").asText(""));
        if (type == null || !object.isObject()) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) shape(type, object));
    }

    /** Normalises a Pod (metadata, spec, status). */
    public static ObjectNode pod(JsonNode pod) {
        return (ObjectNode) shape("Pod", pod);
    }

    /** Normalises a value of the named Go type (e.g. {@code Container}, {@code Probe}, {@code PodSpec}). */
    public static JsonNode shape(String type, JsonNode value) {
        List<Field> fields = TYPES.get(type);
        if (fields == null) {
            throw new IllegalArgumentException("unknown Kubernetes type " + type);
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            value = F.objectNode();
        }
        if (!value.isObject()) {
            return value.deepCopy(); // Go would refuse to decode it; keep it for the caller to report
        }
        ObjectNode in = (ObjectNode) value;
        ObjectNode out = F.objectNode();
        Set<String> used = new LinkedHashSet<>();
        for (Field field : fields) {
            String key = find(in, field.name, used);
            JsonNode v = key == null ? null : in.get(key);
            if (key != null) {
                used.add(key);
            }
            JsonNode shaped = shapeField(field, v);
            if (shaped != null) {
                out.set(field.name, shaped);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = in.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!used.contains(e.getKey()) && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /** Go's decoder matches field names case-insensitively when there is no exact match. */
    private static String find(ObjectNode in, String name, Set<String> used) {
        if (in.has(name)) {
            return name;
        }
        Iterator<String> names = in.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!used.contains(n) && n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }

    private static JsonNode shapeField(Field f, JsonNode v) {
        boolean absent = v == null || v.isNull() || v.isMissingNode();
        if (absent) {
            return f.always ? zero(f.type) : null;
        }
        return shapeValue(f.type, v, f.always, f.pointer);
    }

    private static JsonNode shapeValue(String type, JsonNode v, boolean always, boolean pointer) {
        boolean keepZero = always || pointer;
        switch (type) {
            case "s":
                return v.isTextual() && v.asText().isEmpty() && !keepZero ? null : v.deepCopy();
            case "i":
                if (v.isNumber()) {
                    return v.asLong() == 0 && v.isIntegralNumber() && !keepZero ? null : v.deepCopy();
                }
                return v.deepCopy();
            case "b":
                return v.isBoolean() && !v.asBoolean() && !keepZero ? null : v.deepCopy();
            case "q":
                if (v.isTextual() || v.isNumber()) {
                    String text = v.isTextual() ? v.asText() : v.asText();
                    return F.textNode(Quantity.canonical(text).orElse(text));
                }
                return v.deepCopy();
            case "ios":
            case "any":
                return v.deepCopy();
            default:
                break;
        }
        if (type.startsWith("[")) {
            if (!v.isArray()) {
                return v.deepCopy();
            }
            if (v.isEmpty() && !always) {
                return null;
            }
            String elem = type.substring(1);
            ArrayNode out = F.arrayNode();
            for (JsonNode e : v) {
                JsonNode shaped = e.isNull() ? zero(elem) : shapeValue(elem, e, true, false);
                out.add(shaped == null ? F.nullNode() : shaped);
            }
            return out;
        }
        if (type.startsWith("{")) {
            if (!v.isObject()) {
                return v.deepCopy();
            }
            if (v.isEmpty() && !always) {
                return null;
            }
            String elem = type.substring(1);
            ObjectNode out = F.objectNode();
            v.fields().forEachRemaining(e -> {
                JsonNode shaped = e.getValue().isNull() ? zero(elem) : shapeValue(elem, e.getValue(), true, false);
                out.set(e.getKey(), shaped == null ? F.nullNode() : shaped);
            });
            return out;
        }
        return shape(type, v);
    }

    private static JsonNode zero(String type) {
        return switch (type) {
            case "s" -> F.textNode("");
            case "i", "ios" -> F.numberNode(0);
            case "b" -> F.booleanNode(false);
            case "q" -> F.textNode("0");
            case "any" -> F.nullNode();
            default -> type.startsWith("[") || type.startsWith("{") ? F.nullNode() : shape(type, F.objectNode());
        };
    }

    private record Field(String name, String type, boolean always, boolean pointer) {}

    /** {@code "name:type"}; {@code !} after the type = emitted even when zero; {@code *} before it = pointer. */
    private static void type(String name, String... specs) {
        List<Field> fields = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String fname = spec.substring(0, colon);
            String t = spec.substring(colon + 1);
            boolean always = t.endsWith("!");
            if (always) {
                t = t.substring(0, t.length() - 1);
            }
            boolean pointer = t.startsWith("*");
            if (pointer) {
                t = t.substring(1);
            }
            fields.add(new Field(fname, t, always, pointer));
        }
        TYPES.put(name, List.copyOf(fields));
    }

    private static String[] typeMeta(String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = "kind:s";
        all[1] = "apiVersion:s";
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    static {
        // a struct whose fields all have omitempty and that we pass through: {} when absent
        type("Opaque");
        // k8s.io/apimachinery meta/v1
        type("ObjectMeta", "name:s", "generateName:s", "namespace:s", "selfLink:s", "uid:s", "resourceVersion:s",
                "generation:i", "creationTimestamp:s", "deletionTimestamp:*s", "deletionGracePeriodSeconds:*i",
                "labels:{s", "annotations:{s", "ownerReferences:[OwnerReference", "finalizers:[s", "managedFields:[any");
        type("OwnerReference", "apiVersion:s!", "kind:s!", "name:s!", "uid:s!", "controller:*b", "blockOwnerDeletion:*b");
        type("LabelSelector", "matchLabels:{s", "matchExpressions:[any");
        type("ListMeta", "selfLink:s", "resourceVersion:s", "continue:s", "remainingItemCount:*i");

        // k8s.io/api core/v1 — pod and what it contains
        type("Pod", typeMeta("metadata:ObjectMeta!", "spec:PodSpec!", "status:Opaque!"));
        type("PodTemplateSpec", "metadata:ObjectMeta!", "spec:PodSpec!");
        type("PodSpec", "volumes:[Volume", "initContainers:[Container", "containers:[Container!",
                "ephemeralContainers:[any", "restartPolicy:s", "terminationGracePeriodSeconds:*i",
                "activeDeadlineSeconds:*i", "dnsPolicy:s", "nodeSelector:{s", "serviceAccountName:s",
                "serviceAccount:s", "automountServiceAccountToken:*b", "nodeName:s", "hostNetwork:b", "hostPID:b",
                "hostIPC:b", "shareProcessNamespace:*b", "securityContext:PodSecurityContext",
                "imagePullSecrets:[LocalObjectReference", "hostname:s", "subdomain:s", "affinity:any",
                "schedulerName:s", "tolerations:[Toleration", "hostAliases:[any", "priorityClassName:s",
                "priority:*i", "dnsConfig:any", "readinessGates:[any", "runtimeClassName:*s",
                "enableServiceLinks:*b", "preemptionPolicy:*s", "overhead:{q", "topologySpreadConstraints:[any",
                "setHostnameAsFQDN:*b", "os:any", "hostUsers:*b", "schedulingGates:[any", "resourceClaims:[any",
                "resources:ResourceRequirements", "hostnameOverride:*s");
        type("Toleration", "key:s", "operator:s", "value:s", "effect:s", "tolerationSeconds:*i");
        type("LocalObjectReference", "name:s");
        type("Container", "name:s!", "image:s", "command:[s", "args:[s", "workingDir:s", "ports:[ContainerPort",
                "envFrom:[any", "env:[EnvVar", "resources:ResourceRequirements!", "resizePolicy:[any",
                "restartPolicy:*s", "restartPolicyRules:[any", "volumeMounts:[VolumeMount", "volumeDevices:[any",
                "livenessProbe:Probe", "readinessProbe:Probe", "startupProbe:Probe", "lifecycle:Lifecycle",
                "terminationMessagePath:s", "terminationMessagePolicy:s", "imagePullPolicy:s",
                "securityContext:SecurityContext", "stdin:b", "stdinOnce:b", "tty:b");
        type("ContainerPort", "name:s", "hostPort:i", "containerPort:i!", "protocol:s", "hostIP:s");
        type("EnvVar", "name:s!", "value:s", "valueFrom:EnvVarSource");
        type("EnvVarSource", "fieldRef:ObjectFieldSelector", "resourceFieldRef:ResourceFieldSelector",
                "configMapKeyRef:any", "secretKeyRef:any", "fileKeyRef:any");
        type("ObjectFieldSelector", "apiVersion:s", "fieldPath:s!");
        type("ResourceFieldSelector", "containerName:s", "resource:s!", "divisor:q!");
        type("ResourceRequirements", "limits:{q", "requests:{q", "claims:[any");
        type("VolumeMount", "name:s!", "readOnly:b", "recursiveReadOnly:*s", "mountPath:s!", "subPath:s",
                "mountPropagation:*s", "subPathExpr:s");
        type("Probe", "exec:any", "httpGet:HTTPGetAction", "tcpSocket:TCPSocketAction", "grpc:GRPCAction",
                "initialDelaySeconds:i", "timeoutSeconds:i", "periodSeconds:i", "successThreshold:i",
                "failureThreshold:i", "terminationGracePeriodSeconds:*i");
        type("HTTPGetAction", "path:s", "port:ios!", "host:s", "scheme:s", "httpHeaders:[any");
        type("TCPSocketAction", "port:ios!", "host:s");
        type("GRPCAction", "port:i!", "service:*s");
        type("Lifecycle", "postStart:LifecycleHandler", "preStop:LifecycleHandler", "stopSignal:*s");
        type("LifecycleHandler", "exec:any", "httpGet:HTTPGetAction", "tcpSocket:TCPSocketAction", "sleep:any");
        type("SecurityContext", "capabilities:Capabilities", "privileged:*b", "seLinuxOptions:any",
                "windowsOptions:any", "runAsUser:*i", "runAsGroup:*i", "runAsNonRoot:*b",
                "readOnlyRootFilesystem:*b", "allowPrivilegeEscalation:*b", "procMount:*s", "seccompProfile:any",
                "appArmorProfile:any");
        type("Capabilities", "add:[s", "drop:[s");
        type("PodSecurityContext", "seLinuxOptions:any", "windowsOptions:any", "runAsUser:*i", "runAsGroup:*i",
                "runAsNonRoot:*b", "supplementalGroups:[i", "supplementalGroupsPolicy:*s", "fsGroup:*i",
                "sysctls:[any", "fsGroupChangePolicy:*s", "seccompProfile:any", "appArmorProfile:any",
                "seLinuxChangePolicy:*s");
        type("Volume", "name:s!", "hostPath:any", "emptyDir:EmptyDirVolumeSource", "gcePersistentDisk:any",
                "awsElasticBlockStore:any", "gitRepo:any", "secret:SecretVolumeSource", "nfs:any", "iscsi:any",
                "glusterfs:any", "persistentVolumeClaim:any", "rbd:any", "flexVolume:any", "cinder:any",
                "cephfs:any", "flocker:any", "downwardAPI:DownwardAPIVolumeSource", "fc:any", "azureFile:any",
                "configMap:ConfigMapVolumeSource", "vsphereVolume:any", "quobyte:any", "azureDisk:any",
                "photonPersistentDisk:any", "projected:ProjectedVolumeSource", "portworxVolume:any",
                "scaleIO:any", "storageos:any", "csi:any", "ephemeral:any", "image:any");
        type("EmptyDirVolumeSource", "medium:s", "sizeLimit:*q");
        type("SecretVolumeSource", "secretName:s", "items:[KeyToPath", "defaultMode:*i", "optional:*b");
        type("ConfigMapVolumeSource", "name:s", "items:[KeyToPath", "defaultMode:*i", "optional:*b");
        type("KeyToPath", "key:s!", "path:s!", "mode:*i");
        type("DownwardAPIVolumeSource", "items:[DownwardAPIVolumeFile", "defaultMode:*i");
        type("DownwardAPIVolumeFile", "path:s!", "fieldRef:ObjectFieldSelector",
                "resourceFieldRef:ResourceFieldSelector", "mode:*i");
        type("ProjectedVolumeSource", "sources:[VolumeProjection", "defaultMode:*i");
        type("VolumeProjection", "secret:any", "downwardAPI:DownwardAPIVolumeSource", "configMap:any",
                "serviceAccountToken:ServiceAccountTokenProjection", "clusterTrustBundle:any", "podCertificate:any");
        type("ServiceAccountTokenProjection", "audience:s", "expirationSeconds:*i", "path:s!");

        // workloads: apps/v1, batch/v1, core/v1 ReplicationController, openshift apps/v1 DeploymentConfig
        type("Deployment", typeMeta("metadata:ObjectMeta!", "spec:DeploymentSpec!", "status:DeploymentStatus!"));
        type("DeploymentSpec", "replicas:*i", "selector:LabelSelector", "template:PodTemplateSpec!",
                "strategy:DeploymentStrategy!", "minReadySeconds:i", "revisionHistoryLimit:*i", "paused:b",
                "progressDeadlineSeconds:*i");
        type("DeploymentStrategy", "type:s", "rollingUpdate:any");
        type("DeploymentStatus", "observedGeneration:i", "replicas:i", "updatedReplicas:i", "readyReplicas:i",
                "availableReplicas:i", "unavailableReplicas:i", "terminatingReplicas:*i", "conditions:[any",
                "collisionCount:*i");
        type("DaemonSet", typeMeta("metadata:ObjectMeta!", "spec:DaemonSetSpec!", "status:DaemonSetStatus!"));
        type("DaemonSetSpec", "selector:LabelSelector", "template:PodTemplateSpec!",
                "updateStrategy:UpdateStrategy!", "minReadySeconds:i", "revisionHistoryLimit:*i");
        type("UpdateStrategy", "type:s", "rollingUpdate:any");
        type("DaemonSetStatus", "currentNumberScheduled:i!", "numberMisscheduled:i!", "desiredNumberScheduled:i!",
                "numberReady:i!", "observedGeneration:i", "updatedNumberScheduled:i", "numberAvailable:i",
                "numberUnavailable:i", "collisionCount:*i", "conditions:[any");
        type("StatefulSet", typeMeta("metadata:ObjectMeta!", "spec:StatefulSetSpec!", "status:StatefulSetStatus!"));
        type("StatefulSetSpec", "replicas:*i", "selector:LabelSelector", "template:PodTemplateSpec!",
                "volumeClaimTemplates:[any", "serviceName:s", "podManagementPolicy:s",
                "updateStrategy:UpdateStrategy!", "revisionHistoryLimit:*i", "minReadySeconds:i",
                "persistentVolumeClaimRetentionPolicy:any", "ordinals:any");
        type("StatefulSetStatus", "observedGeneration:i", "replicas:i!", "readyReplicas:i", "currentReplicas:i",
                "updatedReplicas:i", "currentRevision:s", "updateRevision:s", "collisionCount:*i", "conditions:[any",
                "availableReplicas:i!");
        type("ReplicaSet", typeMeta("metadata:ObjectMeta!", "spec:ReplicaSetSpec!", "status:ReplicaSetStatus!"));
        type("ReplicaSetSpec", "replicas:*i", "minReadySeconds:i", "selector:LabelSelector",
                "template:PodTemplateSpec!");
        type("ReplicaSetStatus", "replicas:i!", "fullyLabeledReplicas:i", "readyReplicas:i", "availableReplicas:i",
                "terminatingReplicas:*i", "observedGeneration:i", "conditions:[any");
        type("ReplicationController", typeMeta("metadata:ObjectMeta!", "spec:ReplicationControllerSpec!",
                "status:ReplicaSetStatus!"));
        type("ReplicationControllerSpec", "replicas:*i", "minReadySeconds:i", "selector:{s",
                "template:PodTemplateSpec");
        type("Job", typeMeta("metadata:ObjectMeta!", "spec:JobSpec!", "status:Opaque!"));
        type("JobSpec", "parallelism:*i", "completions:*i", "activeDeadlineSeconds:*i", "podFailurePolicy:any",
                "successPolicy:any", "backoffLimit:*i", "backoffLimitPerIndex:*i", "maxFailedIndexes:*i",
                "selector:LabelSelector", "manualSelector:*b", "template:PodTemplateSpec!",
                "ttlSecondsAfterFinished:*i", "completionMode:*s", "suspend:*b", "podReplacementPolicy:*s",
                "managedBy:*s");
        type("CronJob", typeMeta("metadata:ObjectMeta!", "spec:CronJobSpec!", "status:Opaque!"));
        type("CronJobSpec", "schedule:s!", "timeZone:*s", "startingDeadlineSeconds:*i", "concurrencyPolicy:s",
                "suspend:*b", "jobTemplate:JobTemplateSpec!", "successfulJobsHistoryLimit:*i",
                "failedJobsHistoryLimit:*i");
        type("JobTemplateSpec", "metadata:ObjectMeta!", "spec:JobSpec!");
        type("DeploymentConfig", typeMeta("metadata:ObjectMeta!", "spec:DeploymentConfigSpec!",
                "status:DeploymentConfigStatus!"));
        type("DeploymentConfigSpec", "strategy:DeploymentConfigStrategy!", "minReadySeconds:i",
                "triggers:[any!", "replicas:i!", "revisionHistoryLimit:*i", "test:b!", "paused:b", "selector:{s",
                "template:PodTemplateSpec");
        type("DeploymentConfigStrategy", "type:s", "customParams:any", "recreateParams:any", "rollingParams:any",
                "resources:ResourceRequirements!", "labels:{s", "annotations:{s", "activeDeadlineSeconds:*i");
        type("DeploymentConfigStatus", "latestVersion:i!", "observedGeneration:i!", "replicas:i!",
                "updatedReplicas:i!", "availableReplicas:i!", "unavailableReplicas:i!", "details:any",
                "conditions:[any", "readyReplicas:i");
    }
}
