package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshhook.gotemplate.GoInt;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.gotemplate.GoStruct;
import dev.meshhook.gotemplate.GoType;

import java.util.LinkedHashMap;
import java.util.Map;

/** The template data object of inject-spec d.2 ({@code SidecarTemplateData}), with Go field names. */
final class TemplateData implements GoStruct {
    private static final GoType TYPE = GoType.pointerTo(GoType.struct("inject.SidecarTemplateData"));
    private final Map<String, Object> fields;

    private TemplateData(Map<String, Object> fields) {
        this.fields = fields;
    }

    @Override
    public GoType goType() {
        return TYPE;
    }

    @Override
    public Object member(String name) {
        return fields.containsKey(name) ? fields.get(name) : NO_MEMBER;
    }

    @Override
    public JsonNode toJson() {
        ObjectNode o = Json.F.objectNode();
        fields.forEach((k, v) -> o.set(k, v instanceof GoStruct g ? g.toJson() : Json.JSON.valueToTree(String.valueOf(v))));
        return o;
    }

    
    static TemplateData build(WorkloadIdentity id, JsonNode strippedPod, ProxyConfig proxyConfig, MeshConfig mesh,
                               Object values, String revision, boolean nativeSidecars, String proxyImage,
                               String proxyInitImage, long uid, long gid, String compliancePolicy) {
        Map<String, Object> f = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.node.ObjectNode typeMeta = Json.F.objectNode();
        typeMeta.put("kind", id.kind()).put("apiVersion", id.apiVersion());
        com.fasterxml.jackson.databind.node.ObjectNode dm = Json.F.objectNode();
        dm.put("namespace", id.namespace()).put("name", id.name());
        f.put("TypeMeta", new KubeStruct(KubeStruct.TYPE_META, typeMeta));
        f.put("DeploymentMeta", new KubeStruct(KubeStruct.NAMESPACED_NAME, dm));
        f.put("ObjectMeta", new KubeStruct(KubeStruct.OBJECT_META, strippedPod.path("metadata")));
        f.put("Spec", new KubeStruct(KubeStruct.POD_SPEC, strippedPod.path("spec")));
        f.put("ProxyConfig", ProtoStruct.of(proxyConfig));
        f.put("MeshConfig", ProtoStruct.of(mesh));
        f.put("Values", values);
        f.put("Revision", revision);
        f.put("NativeSidecars", nativeSidecars);
        f.put("ProxyImage", proxyImage);
        f.put("ProxyInitImage", proxyInitImage);
        f.put("ProxyUID", new GoInt(GoType.INT64, uid));
        f.put("ProxyGID", new GoInt(GoType.INT64, gid));
        f.put("InboundTrafficPolicyMode", "LOCALHOST".equals(mesh.inboundTrafficPolicyMode()) ? "localhost" : "passthrough");
        f.put("CompliancePolicy", compliancePolicy);
        return new TemplateData(f);
    }
}
