package dev.meshhook.gotemplate;

/**
 * A protobuf message value for Istio's {@code protoToJSON}: {@link #toProtoJson()} returns the legacy jsonpb compact
 * JSON Istio prints (for ProxyConfig, after removing fields equal to the defaults; see inject-spec d.5).
 */
public interface GoProtoMessage extends GoStruct {
    String toProtoJson();
}
