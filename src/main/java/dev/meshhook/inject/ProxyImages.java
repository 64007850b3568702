package dev.meshhook.inject;

import java.util.Map;

/** Image URLs for {@code .ProxyImage} and {@code .ProxyInitImage} (inject-spec d.4). */
final class ProxyImages {
    static final String IMAGE_TYPE_ANNOTATION = "sidecar.istio.io/proxyImageType";

    private ProxyImages() {}

    /** {@code .ProxyImage}: ProxyConfig image type, else values variant; the pod annotation overrides both. */
    static String proxyImage(InjectorValues values, ProxyConfig pc, Map<String, String> annotations) {
        String name = values.proxyImageName().isEmpty() ? "proxyv2" : values.proxyImageName();
        String type = pc != null && !pc.imageType().isEmpty() ? pc.imageType() : values.variant();
        if (annotations.containsKey(IMAGE_TYPE_ANNOTATION)) type = annotations.get(IMAGE_TYPE_ANNOTATION);
        return url(values.hub(), name, values.tag(), type);
    }

    /** {@code .ProxyInitImage}: values variant (ProxyConfig not consulted); the pod annotation overrides. */
    static String proxyInitImage(InjectorValues values, Map<String, String> annotations) {
        String name = values.proxyInitImageName().isEmpty() ? "proxyv2" : values.proxyInitImageName();
        String type = values.variant();
        if (annotations.containsKey(IMAGE_TYPE_ANNOTATION)) type = annotations.get(IMAGE_TYPE_ANNOTATION);
        return url(values.hub(), name, values.tag(), type);
    }

    static String url(String hub, String name, String tag, String imageType) {
        return hub + "/" + name + ":" + tagFor(tag, imageType);
    }

    /** Strips one known suffix ({@code -distroless} before {@code -debug}) and appends the requested type. */
    static String tagFor(String tag, String imageType) {
        if (imageType == null || imageType.isEmpty()) return tag;
        String base = tag;
        if (base.endsWith("-distroless")) base = base.substring(0, base.length() - "-distroless".length());
        else if (base.endsWith("-debug")) base = base.substring(0, base.length() - "-debug".length());
        return imageType.equals("default") ? base : base + "-" + imageType;
    }
}
