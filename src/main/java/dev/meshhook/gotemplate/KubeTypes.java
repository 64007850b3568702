package dev.meshhook.gotemplate;

/**
 * Go struct schemas of the Kubernetes types Istio's template functions take ({@code annotation},
 * {@code includeInboundPorts}, {@code applicationPorts}, {@code structToJSON}): the field subset those functions
 * and the shipped templates read, with k8s.io/api JSON tags. Values may use these schemas with
 * {@link GoStructValue}, or be any {@link GoStruct} reporting the same {@link GoType}.
 */
public final class KubeTypes {
    private KubeTypes() {}

    /** {@code metav1.ObjectMeta} (Go prints the type as {@code v1.ObjectMeta}). */
    public static final GoStructType OBJECT_META = GoStructType.builder("v1.ObjectMeta")
            .field("Name", GoType.STRING, "name", true)
            .field("GenerateName", GoType.STRING, "generateName", true)
            .field("Namespace", GoType.STRING, "namespace", true)
            .field("Labels", GoType.MAP_STRING_STRING, "labels", true)
            .field("Annotations", GoType.MAP_STRING_STRING, "annotations", true)
            .build();

    /** {@code corev1.ContainerPort}. */
    public static final GoStructType CONTAINER_PORT = GoStructType.builder("v1.ContainerPort")
            .field("Name", GoType.STRING, "name", true)
            .field("HostPort", GoType.INT32, "hostPort", true)
            .field("ContainerPort", GoType.INT32, "containerPort", false)
            .field("Protocol", GoType.STRING, "protocol", true)
            .field("HostIP", GoType.STRING, "hostIP", true)
            .build();

    /** {@code corev1.Container} (name, image, ports). */
    public static final GoStructType CONTAINER = GoStructType.builder("v1.Container")
            .field("Name", GoType.STRING, "name", false)
            .field("Image", GoType.STRING, "image", true)
            .field("Ports", GoType.sliceOf(CONTAINER_PORT.type()), "ports", true)
            .build();

    /** {@code []corev1.Container}. */
    public static final GoType CONTAINER_SLICE = GoType.sliceOf(CONTAINER.type());
}
