package dev.meshhook.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * meshhook's built-in injector configuration, packaged from the repository's {@code templates/}
 * directory into the jar under {@value #CLASSPATH_DIR}. The three texts have the formats of
 * Istio's ConfigMaps: {@code config} (YAML, key {@code config} of istio-sidecar-injector),
 * {@code values} (JSON, key {@code values}) and {@code mesh} (MeshConfig YAML, key {@code mesh}
 * of the istio ConfigMap). They are used when no injector directory or ConfigMap is configured.
 */
public final class EmbeddedDefaults {

    /** Classpath directory holding the packaged files. */
    public static final String CLASSPATH_DIR = "meshhook/defaults/";

    /** File names, equal to the ConfigMap keys they stand for. */
    public static final List<String> FILES = List.of("config", "values", "mesh");

    private EmbeddedDefaults() {
    }

    /** The default {@code config} YAML (templates, policy, selectors, ...). */
    public static String config() {
        return read("config");
    }

    /** The default {@code values} JSON. */
    public static String values() {
        return read("values");
    }

    /** The default mesh configuration YAML. */
    public static String mesh() {
        return read("mesh");
    }

    /**
     * Reads one packaged file as UTF-8 text.
     *
     * @param name one of {@link #FILES}
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException if the jar was built without the file
     */
    public static String read(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("unknown embedded default '" + name + "'; have " + FILES);
        }
        String resource = CLASSPATH_DIR + name;
        ClassLoader loader = EmbeddedDefaults.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded default '" + resource
                        + "' is missing from the classpath (templates/ not packaged?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded default '" + resource + "'", e);
        }
    }
}
