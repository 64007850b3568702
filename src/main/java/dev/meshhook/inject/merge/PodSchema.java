package dev.meshhook.inject.merge;

import static dev.meshhook.inject.merge.GoType.list;
import static dev.meshhook.inject.merge.GoType.map;
import static dev.meshhook.inject.merge.GoType.struct;

import dev.meshhook.inject.merge.GoType.Kind;

/**
 * The k8s.io/api core/v1 {@code Pod} type tree (v0.36 shapes) with JSON names, Go field order, omitempty/pointer
 * flags and the strategic-merge tags that matter for injection (inject-spec e.3). Flags: {@code o} = omitempty,
 * {@code p} = pointer; a field with neither is always written.
 */
public final class PodSchema {

    public static final GoType STRING = GoType.scalar(Kind.STRING, "string");
    public static final GoType BOOL = GoType.scalar(Kind.BOOL, "bool");
    public static final GoType INT32 = GoType.scalar(Kind.INT32, "int32");
    public static final GoType INT64 = GoType.scalar(Kind.INT64, "int64");
    public static final GoType QUANTITY = GoType.scalar(Kind.QUANTITY, "resource.Quantity");
    public static final GoType INT_OR_STRING = GoType.scalar(Kind.INT_OR_STRING, "intstr.IntOrString");
    public static final GoType TIME = GoType.scalar(Kind.TIME, "v1.Time");
    public static final GoType RAW = GoType.scalar(Kind.RAW, "v1.FieldsV1");
    public static final GoType STRINGS = list(STRING);
    public static final GoType STRING_MAP = map(STRING);
    public static final GoType RESOURCE_LIST = map(QUANTITY);
    public static final GoType RAW_LIST = list(RAW);

    private static final String MERGE = "merge";

    public static final GoType OWNER_REFERENCE = struct("v1.OwnerReference")
            .field("apiVersion", STRING, "").field("kind", STRING, "").field("name", STRING, "")
            .field("uid", STRING, "").field("controller", BOOL, "op").field("blockOwnerDeletion", BOOL, "op");

    public static final GoType MANAGED_FIELDS_ENTRY = struct("v1.ManagedFieldsEntry")
            .field("manager", STRING, "o").field("operation", STRING, "o").field("apiVersion", STRING, "o")
            .field("time", TIME, "op").field("fieldsType", STRING, "o").field("fieldsV1", RAW, "op")
            .field("subresource", STRING, "o");

    public static final GoType OBJECT_META = struct("v1.ObjectMeta")
            .field("name", STRING, "o").field("generateName", STRING, "o").field("namespace", STRING, "o")
            .field("selfLink", STRING, "o").field("uid", STRING, "o").field("resourceVersion", STRING, "o")
            .field("generation", INT64, "o").field("creationTimestamp", TIME, "o")
            .field("deletionTimestamp", TIME, "op").field("deletionGracePeriodSeconds", INT64, "op")
            .field("labels", STRING_MAP, "o").field("annotations", STRING_MAP, "o")
            .field("ownerReferences", list(OWNER_REFERENCE), "o", MERGE, "uid")
            .field("finalizers", STRINGS, "o", MERGE, null)
            .field("managedFields", list(MANAGED_FIELDS_ENTRY), "o");

    // ---- container and its parts -------------------------------------------------------------------------

    public static final GoType CONTAINER_PORT = struct("v1.ContainerPort")
            .field("name", STRING, "o").field("hostPort", INT32, "o").field("containerPort", INT32, "")
            .field("protocol", STRING, "o").field("hostIP", STRING, "o");

    static final GoType LOCAL_OBJECT_REFERENCE = struct("v1.LocalObjectReference").field("name", STRING, "o");

    static final GoType CONFIG_MAP_ENV_SOURCE = struct("v1.ConfigMapEnvSource")
            .field("name", STRING, "o").field("optional", BOOL, "op");
    static final GoType SECRET_ENV_SOURCE = struct("v1.SecretEnvSource")
            .field("name", STRING, "o").field("optional", BOOL, "op");
    static final GoType ENV_FROM_SOURCE = struct("v1.EnvFromSource")
            .field("prefix", STRING, "o").field("configMapRef", CONFIG_MAP_ENV_SOURCE, "op")
            .field("secretRef", SECRET_ENV_SOURCE, "op");

    static final GoType OBJECT_FIELD_SELECTOR = struct("v1.ObjectFieldSelector")
            .field("apiVersion", STRING, "o").field("fieldPath", STRING, "");
    static final GoType RESOURCE_FIELD_SELECTOR = struct("v1.ResourceFieldSelector")
            .field("containerName", STRING, "o").field("resource", STRING, "").field("divisor", QUANTITY, "o");
    static final GoType CONFIG_MAP_KEY_SELECTOR = struct("v1.ConfigMapKeySelector")
            .field("name", STRING, "o").field("key", STRING, "").field("optional", BOOL, "op");
    static final GoType SECRET_KEY_SELECTOR = struct("v1.SecretKeySelector")
            .field("name", STRING, "o").field("key", STRING, "").field("optional", BOOL, "op");
    static final GoType FILE_KEY_SELECTOR = struct("v1.FileKeySelector")
            .field("volumeName", STRING, "").field("path", STRING, "").field("key", STRING, "")
            .field("optional", BOOL, "op");
    static final GoType ENV_VAR_SOURCE = struct("v1.EnvVarSource")
            .field("fieldRef", OBJECT_FIELD_SELECTOR, "op").field("resourceFieldRef", RESOURCE_FIELD_SELECTOR, "op")
            .field("configMapKeyRef", CONFIG_MAP_KEY_SELECTOR, "op").field("secretKeyRef", SECRET_KEY_SELECTOR, "op")
            .field("fileKeyRef", FILE_KEY_SELECTOR, "op");
    public static final GoType ENV_VAR = struct("v1.EnvVar")
            .field("name", STRING, "").field("value", STRING, "o").field("valueFrom", ENV_VAR_SOURCE, "op");

    static final GoType RESOURCE_CLAIM = struct("v1.ResourceClaim")
            .field("name", STRING, "").field("request", STRING, "o");
    public static final GoType RESOURCE_REQUIREMENTS = struct("v1.ResourceRequirements")
            .field("limits", RESOURCE_LIST, "o").field("requests", RESOURCE_LIST, "o")
            .field("claims", list(RESOURCE_CLAIM), "o");
    static final GoType CONTAINER_RESIZE_POLICY = struct("v1.ContainerResizePolicy")
            .field("resourceName", STRING, "").field("restartPolicy", STRING, "");
    static final GoType RESTART_RULE_ON_EXIT_CODES = struct("v1.ContainerRestartRuleOnExitCodes")
            .field("operator", STRING, "").field("values", list(INT32), "o");
    static final GoType CONTAINER_RESTART_RULE = struct("v1.ContainerRestartRule")
            .field("action", STRING, "o").field("exitCodes", RESTART_RULE_ON_EXIT_CODES, "op");
    static final GoType VOLUME_MOUNT = struct("v1.VolumeMount")
            .field("name", STRING, "").field("readOnly", BOOL, "o").field("recursiveReadOnly", STRING, "op")
            .field("mountPath", STRING, "").field("subPath", STRING, "o").field("mountPropagation", STRING, "op")
            .field("subPathExpr", STRING, "o");
    static final GoType VOLUME_DEVICE = struct("v1.VolumeDevice")
            .field("name", STRING, "").field("devicePath", STRING, "");

    static final GoType EXEC_ACTION = struct("v1.ExecAction").field("command", STRINGS, "o");
    static final GoType HTTP_HEADER = struct("v1.HTTPHeader").field("name", STRING, "").field("value", STRING, "");
    public static final GoType HTTP_GET_ACTION = struct("v1.HTTPGetAction")
            .field("path", STRING, "o").field("port", INT_OR_STRING, "").field("host", STRING, "o")
            .field("scheme", STRING, "o").field("httpHeaders", list(HTTP_HEADER), "o");
    public static final GoType TCP_SOCKET_ACTION = struct("v1.TCPSocketAction")
            .field("port", INT_OR_STRING, "").field("host", STRING, "o");
    public static final GoType GRPC_ACTION = struct("v1.GRPCAction")
            .field("port", INT32, "").field("service", STRING, "p");
    static final GoType SLEEP_ACTION = struct("v1.SleepAction").field("seconds", INT64, "");
    public static final GoType PROBE = struct("v1.Probe")
            .field("exec", EXEC_ACTION, "op").field("httpGet", HTTP_GET_ACTION, "op")
            .field("tcpSocket", TCP_SOCKET_ACTION, "op").field("grpc", GRPC_ACTION, "op")
            .field("initialDelaySeconds", INT32, "o").field("timeoutSeconds", INT32, "o")
            .field("periodSeconds", INT32, "o").field("successThreshold", INT32, "o")
            .field("failureThreshold", INT32, "o").field("terminationGracePeriodSeconds", INT64, "op");
    static final GoType LIFECYCLE_HANDLER = struct("v1.LifecycleHandler")
            .field("exec", EXEC_ACTION, "op").field("httpGet", HTTP_GET_ACTION, "op")
            .field("tcpSocket", TCP_SOCKET_ACTION, "op").field("sleep", SLEEP_ACTION, "op");
    static final GoType LIFECYCLE = struct("v1.Lifecycle")
            .field("postStart", LIFECYCLE_HANDLER, "op").field("preStop", LIFECYCLE_HANDLER, "op")
            .field("stopSignal", STRING, "op");

    static final GoType CAPABILITIES = struct("v1.Capabilities")
            .field("add", STRINGS, "o").field("drop", STRINGS, "o");
    static final GoType SE_LINUX_OPTIONS = struct("v1.SELinuxOptions")
            .field("user", STRING, "o").field("role", STRING, "o").field("type", STRING, "o")
            .field("level", STRING, "o");
    static final GoType WINDOWS_OPTIONS = struct("v1.WindowsSecurityContextOptions")
            .field("gmsaCredentialSpecName", STRING, "op").field("gmsaCredentialSpec", STRING, "op")
            .field("runAsUserName", STRING, "op").field("hostProcess", BOOL, "op");
    static final GoType SECCOMP_PROFILE = struct("v1.SeccompProfile")
            .field("type", STRING, "").field("localhostProfile", STRING, "op");
    static final GoType APP_ARMOR_PROFILE = struct("v1.AppArmorProfile")
            .field("type", STRING, "").field("localhostProfile", STRING, "op");
    public static final GoType SECURITY_CONTEXT = struct("v1.SecurityContext")
            .field("capabilities", CAPABILITIES, "op").field("privileged", BOOL, "op")
            .field("seLinuxOptions", SE_LINUX_OPTIONS, "op").field("windowsOptions", WINDOWS_OPTIONS, "op")
            .field("runAsUser", INT64, "op").field("runAsGroup", INT64, "op").field("runAsNonRoot", BOOL, "op")
            .field("readOnlyRootFilesystem", BOOL, "op").field("allowPrivilegeEscalation", BOOL, "op")
            .field("procMount", STRING, "op").field("seccompProfile", SECCOMP_PROFILE, "op")
            .field("appArmorProfile", APP_ARMOR_PROFILE, "op");

    private static GoType containerFields(GoType t) {
        return t.field("name", STRING, "").field("image", STRING, "o").field("command", STRINGS, "o")
                .field("args", STRINGS, "o").field("workingDir", STRING, "o")
                .field("ports", list(CONTAINER_PORT), "o", MERGE, "containerPort")
                .field("envFrom", list(ENV_FROM_SOURCE), "o")
                .field("env", list(ENV_VAR), "o", MERGE, "name")
                .field("resources", RESOURCE_REQUIREMENTS, "o")
                .field("resizePolicy", list(CONTAINER_RESIZE_POLICY), "o")
                .field("restartPolicy", STRING, "op")
                .field("restartPolicyRules", list(CONTAINER_RESTART_RULE), "o")
                .field("volumeMounts", list(VOLUME_MOUNT), "o", MERGE, "mountPath")
                .field("volumeDevices", list(VOLUME_DEVICE), "o", MERGE, "devicePath")
                .field("livenessProbe", PROBE, "op").field("readinessProbe", PROBE, "op")
                .field("startupProbe", PROBE, "op").field("lifecycle", LIFECYCLE, "op")
                .field("terminationMessagePath", STRING, "o").field("terminationMessagePolicy", STRING, "o")
                .field("imagePullPolicy", STRING, "o").field("securityContext", SECURITY_CONTEXT, "op")
                .field("stdin", BOOL, "o").field("stdinOnce", BOOL, "o").field("tty", BOOL, "o");
    }

    public static final GoType CONTAINER = containerFields(struct("v1.Container"));
    static final GoType EPHEMERAL_CONTAINER = containerFields(struct("v1.EphemeralContainer"))
            .field("targetContainerName", STRING, "o");

    // ---- volumes ----------------------------------------------------------------------------------------

    static final GoType KEY_TO_PATH = struct("v1.KeyToPath")
            .field("key", STRING, "").field("path", STRING, "").field("mode", INT32, "op");
    static final GoType DOWNWARD_API_FILE = struct("v1.DownwardAPIVolumeFile")
            .field("path", STRING, "").field("fieldRef", OBJECT_FIELD_SELECTOR, "op")
            .field("resourceFieldRef", RESOURCE_FIELD_SELECTOR, "op").field("mode", INT32, "op");
    static final GoType LABEL_SELECTOR_REQUIREMENT = struct("v1.LabelSelectorRequirement")
            .field("key", STRING, "").field("operator", STRING, "").field("values", STRINGS, "o");
    static final GoType LABEL_SELECTOR = struct("v1.LabelSelector")
            .field("matchLabels", STRING_MAP, "o").field("matchExpressions", list(LABEL_SELECTOR_REQUIREMENT), "o");
    static final GoType VOLUME_PROJECTION = struct("v1.VolumeProjection")
            .field("secret", struct("v1.SecretProjection").field("name", STRING, "o")
                    .field("items", list(KEY_TO_PATH), "o").field("optional", BOOL, "op"), "op")
            .field("downwardAPI", struct("v1.DownwardAPIProjection")
                    .field("items", list(DOWNWARD_API_FILE), "o"), "op")
            .field("configMap", struct("v1.ConfigMapProjection").field("name", STRING, "o")
                    .field("items", list(KEY_TO_PATH), "o").field("optional", BOOL, "op"), "op")
            .field("serviceAccountToken", struct("v1.ServiceAccountTokenProjection")
                    .field("audience", STRING, "o").field("expirationSeconds", INT64, "op")
                    .field("path", STRING, ""), "op")
            .field("clusterTrustBundle", struct("v1.ClusterTrustBundleProjection")
                    .field("name", STRING, "op").field("signerName", STRING, "op")
                    .field("labelSelector", LABEL_SELECTOR, "op").field("optional", BOOL, "op")
                    .field("path", STRING, ""), "op")
            .field("podCertificate", struct("v1.PodCertificateProjection")
                    .field("signerName", STRING, "o").field("keyType", STRING, "o")
                    .field("maxExpirationSeconds", INT32, "op").field("credentialBundlePath", STRING, "o")
                    .field("keyPath", STRING, "o").field("certificateChainPath", STRING, "o"), "op");

    static final GoType TYPED_LOCAL_OBJECT_REFERENCE = struct("v1.TypedLocalObjectReference")
            .field("apiGroup", STRING, "p").field("kind", STRING, "").field("name", STRING, "");
    static final GoType TYPED_OBJECT_REFERENCE = struct("v1.TypedObjectReference")
            .field("apiGroup", STRING, "p").field("kind", STRING, "").field("name", STRING, "")
            .field("namespace", STRING, "op");
    static final GoType PVC_SPEC = struct("v1.PersistentVolumeClaimSpec")
            .field("accessModes", STRINGS, "o").field("selector", LABEL_SELECTOR, "op")
            .field("resources", struct("v1.VolumeResourceRequirements").field("limits", RESOURCE_LIST, "o")
                    .field("requests", RESOURCE_LIST, "o"), "o")
            .field("volumeName", STRING, "o").field("storageClassName", STRING, "op")
            .field("volumeMode", STRING, "op").field("dataSource", TYPED_LOCAL_OBJECT_REFERENCE, "op")
            .field("dataSourceRef", TYPED_OBJECT_REFERENCE, "op").field("volumeAttributesClassName", STRING, "op");

    static final GoType VOLUME_SOURCE = struct("v1.VolumeSource")
            .field("hostPath", struct("v1.HostPathVolumeSource").field("path", STRING, "")
                    .field("type", STRING, "op"), "op")
            .field("emptyDir", struct("v1.EmptyDirVolumeSource").field("medium", STRING, "o")
                    .field("sizeLimit", QUANTITY, "op"), "op")
            .field("gcePersistentDisk", struct("v1.GCEPersistentDiskVolumeSource").field("pdName", STRING, "")
                    .field("fsType", STRING, "o").field("partition", INT32, "o").field("readOnly", BOOL, "o"), "op")
            .field("awsElasticBlockStore", struct("v1.AWSElasticBlockStoreVolumeSource")
                    .field("volumeID", STRING, "").field("fsType", STRING, "o").field("partition", INT32, "o")
                    .field("readOnly", BOOL, "o"), "op")
            .field("gitRepo", struct("v1.GitRepoVolumeSource").field("repository", STRING, "")
                    .field("revision", STRING, "o").field("directory", STRING, "o"), "op")
            .field("secret", struct("v1.SecretVolumeSource").field("secretName", STRING, "o")
                    .field("items", list(KEY_TO_PATH), "o").field("defaultMode", INT32, "op")
                    .field("optional", BOOL, "op"), "op")
            .field("nfs", struct("v1.NFSVolumeSource").field("server", STRING, "").field("path", STRING, "")
                    .field("readOnly", BOOL, "o"), "op")
            .field("iscsi", struct("v1.ISCSIVolumeSource").field("targetPortal", STRING, "")
                    .field("iqn", STRING, "").field("lun", INT32, "").field("iscsiInterface", STRING, "o")
                    .field("fsType", STRING, "o").field("readOnly", BOOL, "o").field("portals", STRINGS, "o")
                    .field("chapAuthDiscovery", BOOL, "o").field("chapAuthSession", BOOL, "o")
                    .field("secretRef", LOCAL_OBJECT_REFERENCE, "op").field("initiatorName", STRING, "op"), "op")
            .field("glusterfs", struct("v1.GlusterfsVolumeSource").field("endpoints", STRING, "")
                    .field("path", STRING, "").field("readOnly", BOOL, "o"), "op")
            .field("persistentVolumeClaim", struct("v1.PersistentVolumeClaimVolumeSource")
                    .field("claimName", STRING, "").field("readOnly", BOOL, "o"), "op")
            .field("rbd", struct("v1.RBDVolumeSource").field("monitors", STRINGS, "").field("image", STRING, "")
                    .field("fsType", STRING, "o").field("pool", STRING, "o").field("user", STRING, "o")
                    .field("keyring", STRING, "o").field("secretRef", LOCAL_OBJECT_REFERENCE, "op")
                    .field("readOnly", BOOL, "o"), "op")
            .field("flexVolume", struct("v1.FlexVolumeSource").field("driver", STRING, "")
                    .field("fsType", STRING, "o").field("secretRef", LOCAL_OBJECT_REFERENCE, "op")
                    .field("readOnly", BOOL, "o").field("options", STRING_MAP, "o"), "op")
            .field("cinder", struct("v1.CinderVolumeSource").field("volumeID", STRING, "")
                    .field("fsType", STRING, "o").field("readOnly", BOOL, "o")
                    .field("secretRef", LOCAL_OBJECT_REFERENCE, "op"), "op")
            .field("cephfs", struct("v1.CephFSVolumeSource").field("monitors", STRINGS, "")
                    .field("path", STRING, "o").field("user", STRING, "o").field("secretFile", STRING, "o")
                    .field("secretRef", LOCAL_OBJECT_REFERENCE, "op").field("readOnly", BOOL, "o"), "op")
            .field("flocker", struct("v1.FlockerVolumeSource").field("datasetName", STRING, "o")
                    .field("datasetUUID", STRING, "o"), "op")
            .field("downwardAPI", struct("v1.DownwardAPIVolumeSource")
                    .field("items", list(DOWNWARD_API_FILE), "o").field("defaultMode", INT32, "op"), "op")
            .field("fc", struct("v1.FCVolumeSource").field("targetWWNs", STRINGS, "o").field("lun", INT32, "op")
                    .field("fsType", STRING, "o").field("readOnly", BOOL, "o").field("wwids", STRINGS, "o"), "op")
            .field("azureFile", struct("v1.AzureFileVolumeSource").field("secretName", STRING, "")
                    .field("shareName", STRING, "").field("readOnly", BOOL, "o"), "op")
            .field("configMap", struct("v1.ConfigMapVolumeSource").field("name", STRING, "o")
                    .field("items", list(KEY_TO_PATH), "o").field("defaultMode", INT32, "op")
                    .field("optional", BOOL, "op"), "op")
            .field("vsphereVolume", struct("v1.VsphereVirtualDiskVolumeSource").field("volumePath", STRING, "")
                    .field("fsType", STRING, "o").field("storagePolicyName", STRING, "o")
                    .field("storagePolicyID", STRING, "o"), "op")
            .field("quobyte", struct("v1.QuobyteVolumeSource").field("registry", STRING, "")
                    .field("volume", STRING, "").field("readOnly", BOOL, "o").field("user", STRING, "o")
                    .field("group", STRING, "o").field("tenant", STRING, "o"), "op")
            .field("azureDisk", struct("v1.AzureDiskVolumeSource").field("diskName", STRING, "")
                    .field("diskURI", STRING, "").field("cachingMode", STRING, "op").field("fsType", STRING, "op")
                    .field("readOnly", BOOL, "op").field("kind", STRING, "op"), "op")
            .field("photonPersistentDisk", struct("v1.PhotonPersistentDiskVolumeSource")
                    .field("pdID", STRING, "").field("fsType", STRING, "o"), "op")
            .field("projected", struct("v1.ProjectedVolumeSource").field("sources", list(VOLUME_PROJECTION), "")
                    .field("defaultMode", INT32, "op"), "op")
            .field("portworxVolume", struct("v1.PortworxVolumeSource").field("volumeID", STRING, "")
                    .field("fsType", STRING, "o").field("readOnly", BOOL, "o"), "op")
            .field("scaleIO", struct("v1.ScaleIOVolumeSource").field("gateway", STRING, "")
                    .field("system", STRING, "").field("secretRef", LOCAL_OBJECT_REFERENCE, "p")
                    .field("sslEnabled", BOOL, "o").field("protectionDomain", STRING, "o")
                    .field("storagePool", STRING, "o").field("storageMode", STRING, "o")
                    .field("volumeName", STRING, "o").field("fsType", STRING, "o").field("readOnly", BOOL, "o"), "op")
            .field("storageos", struct("v1.StorageOSVolumeSource").field("volumeName", STRING, "o")
                    .field("volumeNamespace", STRING, "o").field("fsType", STRING, "o").field("readOnly", BOOL, "o")
                    .field("secretRef", LOCAL_OBJECT_REFERENCE, "op"), "op")
            .field("csi", struct("v1.CSIVolumeSource").field("driver", STRING, "").field("readOnly", BOOL, "op")
                    .field("fsType", STRING, "op").field("volumeAttributes", STRING_MAP, "o")
                    .field("nodePublishSecretRef", LOCAL_OBJECT_REFERENCE, "op"), "op")
            .field("ephemeral", struct("v1.EphemeralVolumeSource").field("volumeClaimTemplate",
                    struct("v1.PersistentVolumeClaimTemplate").field("metadata", OBJECT_META, "o")
                            .field("spec", PVC_SPEC, ""), "op"), "op")
            .field("image", struct("v1.ImageVolumeSource").field("reference", STRING, "o")
                    .field("pullPolicy", STRING, "o"), "op");

    public static final GoType VOLUME = struct("v1.Volume").field("name", STRING, "").inline(VOLUME_SOURCE);

    // ---- pod spec ---------------------------------------------------------------------------------------

    static final GoType NODE_SELECTOR_REQUIREMENT = struct("v1.NodeSelectorRequirement")
            .field("key", STRING, "").field("operator", STRING, "").field("values", STRINGS, "o");
    static final GoType NODE_SELECTOR_TERM = struct("v1.NodeSelectorTerm")
            .field("matchExpressions", list(NODE_SELECTOR_REQUIREMENT), "o")
            .field("matchFields", list(NODE_SELECTOR_REQUIREMENT), "o");
    static final GoType POD_AFFINITY_TERM = struct("v1.PodAffinityTerm")
            .field("labelSelector", LABEL_SELECTOR, "op").field("namespaces", STRINGS, "o")
            .field("topologyKey", STRING, "").field("namespaceSelector", LABEL_SELECTOR, "op")
            .field("matchLabelKeys", STRINGS, "o").field("mismatchLabelKeys", STRINGS, "o");
    static final GoType WEIGHTED_POD_AFFINITY_TERM = struct("v1.WeightedPodAffinityTerm")
            .field("weight", INT32, "").field("podAffinityTerm", POD_AFFINITY_TERM, "");
    static final GoType POD_AFFINITY = struct("v1.PodAffinity")
            .field("requiredDuringSchedulingIgnoredDuringExecution", list(POD_AFFINITY_TERM), "o")
            .field("preferredDuringSchedulingIgnoredDuringExecution", list(WEIGHTED_POD_AFFINITY_TERM), "o");
    static final GoType POD_ANTI_AFFINITY = struct("v1.PodAntiAffinity")
            .field("requiredDuringSchedulingIgnoredDuringExecution", list(POD_AFFINITY_TERM), "o")
            .field("preferredDuringSchedulingIgnoredDuringExecution", list(WEIGHTED_POD_AFFINITY_TERM), "o");
    static final GoType AFFINITY = struct("v1.Affinity")
            .field("nodeAffinity", struct("v1.NodeAffinity")
                    .field("requiredDuringSchedulingIgnoredDuringExecution", struct("v1.NodeSelector")
                            .field("nodeSelectorTerms", list(NODE_SELECTOR_TERM), ""), "op")
                    .field("preferredDuringSchedulingIgnoredDuringExecution", list(struct("v1.PreferredSchedulingTerm")
                            .field("weight", INT32, "").field("preference", NODE_SELECTOR_TERM, "")), "o"), "op")
            .field("podAffinity", POD_AFFINITY, "op").field("podAntiAffinity", POD_ANTI_AFFINITY, "op");

    static final GoType SYSCTL = struct("v1.Sysctl").field("name", STRING, "").field("value", STRING, "");
    static final GoType POD_SECURITY_CONTEXT = struct("v1.PodSecurityContext")
            .field("seLinuxOptions", SE_LINUX_OPTIONS, "op").field("windowsOptions", WINDOWS_OPTIONS, "op")
            .field("runAsUser", INT64, "op").field("runAsGroup", INT64, "op").field("runAsNonRoot", BOOL, "op")
            .field("supplementalGroups", list(INT64), "o").field("supplementalGroupsPolicy", STRING, "op")
            .field("fsGroup", INT64, "op").field("sysctls", list(SYSCTL), "o")
            .field("fsGroupChangePolicy", STRING, "op").field("seccompProfile", SECCOMP_PROFILE, "op")
            .field("appArmorProfile", APP_ARMOR_PROFILE, "op").field("seLinuxChangePolicy", STRING, "op");
    static final GoType TOLERATION = struct("v1.Toleration")
            .field("key", STRING, "o").field("operator", STRING, "o").field("value", STRING, "o")
            .field("effect", STRING, "o").field("tolerationSeconds", INT64, "op");
    static final GoType HOST_ALIAS = struct("v1.HostAlias")
            .field("ip", STRING, "").field("hostnames", STRINGS, "o");
    static final GoType POD_DNS_CONFIG = struct("v1.PodDNSConfig")
            .field("nameservers", STRINGS, "o").field("searches", STRINGS, "o")
            .field("options", list(struct("v1.PodDNSConfigOption").field("name", STRING, "o")
                    .field("value", STRING, "op")), "o");
    static final GoType TOPOLOGY_SPREAD_CONSTRAINT = struct("v1.TopologySpreadConstraint")
            .field("maxSkew", INT32, "").field("topologyKey", STRING, "").field("whenUnsatisfiable", STRING, "")
            .field("labelSelector", LABEL_SELECTOR, "op").field("minDomains", INT32, "op")
            .field("nodeAffinityPolicy", STRING, "op").field("nodeTaintsPolicy", STRING, "op")
            .field("matchLabelKeys", STRINGS, "o");

    public static final GoType POD_SPEC = struct("v1.PodSpec")
            .field("volumes", list(VOLUME), "o", "merge,retainKeys", "name")
            .field("initContainers", list(CONTAINER), "o", MERGE, "name")
            .field("containers", list(CONTAINER), "", MERGE, "name")
            .field("ephemeralContainers", list(EPHEMERAL_CONTAINER), "o", MERGE, "name")
            .field("restartPolicy", STRING, "o").field("terminationGracePeriodSeconds", INT64, "op")
            .field("activeDeadlineSeconds", INT64, "op").field("dnsPolicy", STRING, "o")
            .field("nodeSelector", STRING_MAP, "o").field("serviceAccountName", STRING, "o")
            .field("serviceAccount", STRING, "o").field("automountServiceAccountToken", BOOL, "op")
            .field("nodeName", STRING, "o").field("hostNetwork", BOOL, "o").field("hostPID", BOOL, "o")
            .field("hostIPC", BOOL, "o").field("shareProcessNamespace", BOOL, "op")
            .field("securityContext", POD_SECURITY_CONTEXT, "op")
            .field("imagePullSecrets", list(LOCAL_OBJECT_REFERENCE), "o", MERGE, "name")
            .field("hostname", STRING, "o").field("subdomain", STRING, "o").field("affinity", AFFINITY, "op")
            .field("schedulerName", STRING, "o").field("tolerations", list(TOLERATION), "o")
            .field("hostAliases", list(HOST_ALIAS), "o", MERGE, "ip")
            .field("priorityClassName", STRING, "o").field("priority", INT32, "op")
            .field("dnsConfig", POD_DNS_CONFIG, "op")
            .field("readinessGates", list(struct("v1.PodReadinessGate").field("conditionType", STRING, "")), "o")
            .field("runtimeClassName", STRING, "op").field("enableServiceLinks", BOOL, "op")
            .field("preemptionPolicy", STRING, "op").field("overhead", RESOURCE_LIST, "o")
            .field("topologySpreadConstraints", list(TOPOLOGY_SPREAD_CONSTRAINT), "o", MERGE, "topologyKey")
            .field("setHostnameAsFQDN", BOOL, "op").field("os", struct("v1.PodOS").field("name", STRING, ""), "op")
            .field("hostUsers", BOOL, "op")
            .field("schedulingGates", list(struct("v1.PodSchedulingGate").field("name", STRING, "")), "o",
                    MERGE, "name")
            .field("resourceClaims", list(struct("v1.PodResourceClaim").field("name", STRING, "")
                    .field("resourceClaimName", STRING, "op").field("resourceClaimTemplateName", STRING, "op")),
                    "o", "merge,retainKeys", "name")
            .field("resources", RESOURCE_REQUIREMENTS, "op").field("hostnameOverride", STRING, "op");

    /** Status is empty at admission; its complex parts are kept as opaque JSON. */
    static final GoType POD_STATUS = struct("v1.PodStatus")
            .field("observedGeneration", INT64, "o").field("phase", STRING, "o")
            .field("conditions", RAW_LIST, "o").field("message", STRING, "o").field("reason", STRING, "o")
            .field("nominatedNodeName", STRING, "o").field("hostIP", STRING, "o").field("hostIPs", RAW_LIST, "o")
            .field("podIP", STRING, "o").field("podIPs", RAW_LIST, "o").field("startTime", TIME, "op")
            .field("initContainerStatuses", RAW_LIST, "o").field("containerStatuses", RAW_LIST, "o")
            .field("qosClass", STRING, "o").field("ephemeralContainerStatuses", RAW_LIST, "o")
            .field("resize", STRING, "o").field("resourceClaimStatuses", RAW_LIST, "o")
            .field("extendedResourceClaimStatus", RAW, "op");

    public static final GoType POD = struct("v1.Pod")
            .field("kind", STRING, "o").field("apiVersion", STRING, "o")
            .field("metadata", OBJECT_META, "o").field("spec", POD_SPEC, "o").field("status", POD_STATUS, "o");

    private PodSchema() {
    }
}
