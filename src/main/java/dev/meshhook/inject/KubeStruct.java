package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.meshhook.gotemplate.GoInt;
import dev.meshhook.gotemplate.GoMap;
import dev.meshhook.gotemplate.GoSlice;
import dev.meshhook.gotemplate.GoStruct;
import dev.meshhook.gotemplate.GoType;
import dev.meshhook.gotemplate.GoValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes object (already in Go-JSON shape) seen by templates as the Go struct it would be: exported Go field
 * names ({@code .Spec.Containers}, {@code .ObjectMeta.Annotations}), typed zero values for absent fields, nil maps
 * and slices. Read-only; member values are computed once per instance.
 */
final class KubeStruct implements GoStruct {

    /** How a field's JSON turns into a template value. */
    enum T { STRING, INT32, INT64, BOOL, MAP_SS, STRINGS, STRUCT, STRUCTS, PTR_STRUCT, ANY }

    record F(String json, T t, KType ref) {}

    /** A Go struct type: name plus fields by Go name. */
    static final class KType {
        final GoType goType;
        final GoType ptrType;
        final Map<String, F> fields = new LinkedHashMap<>();

        KType(String name) {
            this.goType = GoType.struct(name);
            this.ptrType = GoType.pointerTo(goType);
        }

        KType f(String goName, T t) {
            fields.put(goName, new F(Character.toLowerCase(goName.charAt(0)) + goName.substring(1), t, null));
            return this;
        }

        KType f(String goName, String json, T t) {
            fields.put(goName, new F(json, t, null));
            return this;
        }

        KType s(String goName, T t, KType ref) {
            fields.put(goName, new F(Character.toLowerCase(goName.charAt(0)) + goName.substring(1), t, ref));
            return this;
        }
    }

    static final KType OWNER_REF = new KType("v1.OwnerReference").f("APIVersion", "apiVersion", T.STRING)
            .f("Kind", T.STRING).f("Name", T.STRING).f("UID", "uid", T.STRING).f("Controller", T.ANY)
            .f("BlockOwnerDeletion", T.ANY);
    static final KType OBJECT_META = new KType("v1.ObjectMeta").f("Name", T.STRING).f("GenerateName", T.STRING)
            .f("Namespace", T.STRING).f("SelfLink", T.STRING).f("UID", "uid", T.STRING).f("ResourceVersion", T.STRING)
            .f("Generation", T.INT64).f("CreationTimestamp", T.ANY).f("DeletionTimestamp", T.ANY)
            .f("DeletionGracePeriodSeconds", T.ANY).f("Labels", T.MAP_SS).f("Annotations", T.MAP_SS)
            .s("OwnerReferences", T.STRUCTS, OWNER_REF).f("Finalizers", T.STRINGS).f("ManagedFields", T.ANY);
    static final KType CONTAINER_PORT = new KType("v1.ContainerPort").f("Name", T.STRING).f("HostPort", T.INT32)
            .f("ContainerPort", T.INT32).f("Protocol", T.STRING).f("HostIP", "hostIP", T.STRING);
    static final KType ENV_VAR = new KType("v1.EnvVar").f("Name", T.STRING).f("Value", T.STRING).f("ValueFrom", T.ANY);
    static final KType VOLUME_MOUNT = new KType("v1.VolumeMount").f("Name", T.STRING).f("ReadOnly", T.BOOL)
            .f("MountPath", T.STRING).f("SubPath", T.STRING).f("MountPropagation", T.ANY).f("SubPathExpr", T.STRING);
    static final KType CONTAINER = new KType("v1.Container").f("Name", T.STRING).f("Image", T.STRING)
            .f("Command", T.STRINGS).f("Args", T.STRINGS).f("WorkingDir", T.STRING).s("Ports", T.STRUCTS, CONTAINER_PORT)
            .f("EnvFrom", T.ANY).s("Env", T.STRUCTS, ENV_VAR).f("Resources", T.ANY).f("ResizePolicy", T.ANY)
            .f("RestartPolicy", T.ANY).s("VolumeMounts", T.STRUCTS, VOLUME_MOUNT).f("VolumeDevices", T.ANY)
            .f("LivenessProbe", T.ANY).f("ReadinessProbe", T.ANY).f("StartupProbe", T.ANY).f("Lifecycle", T.ANY)
            .f("TerminationMessagePath", T.STRING).f("TerminationMessagePolicy", T.STRING)
            .f("ImagePullPolicy", T.STRING).f("SecurityContext", T.ANY).f("Stdin", T.BOOL).f("StdinOnce", T.BOOL)
            .f("TTY", "tty", T.BOOL);
    static final KType LOCAL_REF = new KType("v1.LocalObjectReference").f("Name", T.STRING);
    static final KType POD_SPEC = new KType("v1.PodSpec").f("Volumes", T.ANY).s("InitContainers", T.STRUCTS, CONTAINER)
            .s("Containers", T.STRUCTS, CONTAINER).f("EphemeralContainers", T.ANY).f("RestartPolicy", T.STRING)
            .f("TerminationGracePeriodSeconds", T.ANY).f("ActiveDeadlineSeconds", T.ANY).f("DNSPolicy", "dnsPolicy", T.STRING)
            .f("NodeSelector", T.MAP_SS).f("ServiceAccountName", T.STRING).f("DeprecatedServiceAccount", "serviceAccount", T.STRING)
            .f("AutomountServiceAccountToken", T.ANY).f("NodeName", T.STRING).f("HostNetwork", T.BOOL).f("HostPID", "hostPID", T.BOOL)
            .f("HostIPC", "hostIPC", T.BOOL).f("ShareProcessNamespace", T.ANY).f("SecurityContext", T.ANY)
            .s("ImagePullSecrets", T.STRUCTS, LOCAL_REF).f("Hostname", T.STRING).f("Subdomain", T.STRING)
            .f("Affinity", T.ANY).f("SchedulerName", T.STRING).f("Tolerations", T.ANY).f("HostAliases", T.ANY)
            .f("PriorityClassName", T.STRING).f("Priority", T.ANY).f("DNSConfig", "dnsConfig", T.ANY)
            .f("ReadinessGates", T.ANY).f("RuntimeClassName", T.ANY).f("EnableServiceLinks", T.ANY)
            .f("PreemptionPolicy", T.ANY).f("Overhead", T.ANY).f("TopologySpreadConstraints", T.ANY)
            .f("SetHostnameAsFQDN", "setHostnameAsFQDN", T.ANY).f("OS", "os", T.ANY).f("HostUsers", T.ANY)
            .f("SchedulingGates", T.ANY).f("ResourceClaims", T.ANY);
    static final KType TYPE_META = new KType("v1.TypeMeta").f("Kind", T.STRING).f("APIVersion", "apiVersion", T.STRING);
    static final KType NAMESPACED_NAME = new KType("types.NamespacedName").f("Namespace", T.STRING).f("Name", T.STRING);

    private final KType type;
    private final JsonNode json;
    private final boolean pointer;
    private final Map<String, Object> memo = new HashMap<>();

    KubeStruct(KType type, JsonNode json) {
        this(type, json, false);
    }

    private KubeStruct(KType type, JsonNode json, boolean pointer) {
        this.type = type;
        this.json = json == null || json.isMissingNode() ? (pointer ? NullNode.getInstance() : Json.F.objectNode()) : json;
        this.pointer = pointer;
    }

    @Override
    public GoType goType() {
        return pointer ? type.ptrType : type.goType;
    }

    @Override
    public boolean isNilPointer() {
        return pointer && json.isNull();
    }

    @Override
    public Object member(String name) {
        Object v = memo.get(name);
        if (v != null) return v;
        F f = type.fields.get(name);
        if (f == null) return NO_MEMBER;
        if (isNilPointer()) return NO_MEMBER;
        v = convert(f, json.get(f.json()));
        if (v != null) memo.put(name, v);
        return v;
    }

    private static Object convert(F f, JsonNode v) {
        boolean absent = v == null || v.isNull() || v.isMissingNode();
        switch (f.t()) {
            case STRING:
                return absent ? "" : v.asText();
            case INT32:
                return absent ? 0 : v.asInt();
            case INT64:
                return new GoInt(GoType.INT64, absent ? 0 : v.asLong());
            case BOOL:
                return !absent && v.asBoolean();
            case MAP_SS: {
                if (absent || !v.isObject()) return GoMap.ofStrings(null);
                return GoMap.ofStrings(Json.stringMap(v));
            }
            case STRINGS: {
                if (absent || !v.isArray()) return new GoSlice(GoType.SLICE_STRING, null);
                List<Object> l = new ArrayList<>();
                v.forEach(x -> l.add(x.asText()));
                return new GoSlice(GoType.SLICE_STRING, l);
            }
            case STRUCT:
                return new KubeStruct(f.ref(), absent ? null : v);
            case PTR_STRUCT:
                return new KubeStruct(f.ref(), absent ? NullNode.getInstance() : v, true);
            case STRUCTS: {
                GoType st = GoType.sliceOf(f.ref().goType);
                if (absent || !v.isArray()) return new GoSlice(st, null);
                List<Object> l = new ArrayList<>();
                v.forEach(x -> l.add(new KubeStruct(f.ref(), x)));
                return new GoSlice(st, l);
            }
            default:
                return absent ? null : GoValues.fromJson(v);
        }
    }

    @Override
    public JsonNode toJson() {
        return json;
    }

    @Override
    public String toString() {
        return type.goType.name() + json;
    }
}
