package dev.meshhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshhook.config.EmbeddedDefaults;
import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorConfigException;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.MeshConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * istioctl's injector flags, shared by kube-inject and explain. Each file may be the bare key content
 * ({@code config} YAML, {@code values} JSON, {@code mesh} YAML) or the whole exported ConfigMap
 * ({@code kubectl get cm istio-sidecar-injector -o yaml}); missing ones come from the embedded defaults.
 */
final class InjectorOptions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Option(names = "--injectConfigFile", paramLabel = "FILE",
            description = "Injector config: the `config` key of ConfigMap istio-sidecar-injector, that ConfigMap"
                    + " itself, or a bare template used as `sidecar`. Default: meshhook's embedded templates.")
    Path injectConfigFile;

    @Option(names = "--valuesFile", paramLabel = "FILE",
            description = "Injector values: the `values` key (JSON) or the ConfigMap. Default: from the"
                    + " --injectConfigFile ConfigMap if it has one, else the embedded values.")
    Path valuesFile;

    @Option(names = "--meshConfigFile", paramLabel = "FILE",
            description = "Mesh config: the `mesh` key of ConfigMap istio (YAML) or that ConfigMap. Default: embedded mesh.")
    Path meshConfigFile;

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "",
            description = "Control plane revision (\"default\" is the same as none).")
    String revision;

    @Option(names = "--kubelet-version", paramLabel = "VERSION",
            description = "Kubelet version of the target nodes (e.g. v1.33.0) for native-sidecar auto-detection;"
                    + " without it, native sidecars are used only when ENABLE_NATIVE_SIDECARS=true.")
    String kubeletVersion;

    /** Why the injector could not be built; the message is for the user. */
    static final class BadConfig extends Exception {
        BadConfig(String message) {
            super(message);
        }
    }

    Injector injector(String defaultRevision, Map<String, String> environment) throws BadConfig {
        JsonNode configMap = injectConfigFile == null ? null : configMapOrNull(injectConfigFile);
        String configText;
        InjectorConfig config;
        if (injectConfigFile == null) {
            configText = EmbeddedDefaults.config();
        } else if (configMap != null) {
            configText = dataKey(configMap, "config", injectConfigFile);
        } else {
            configText = read(injectConfigFile);
        }
        config = parseConfig(configText);

        String valuesText;
        if (valuesFile != null) {
            JsonNode cm = configMapOrNull(valuesFile);
            valuesText = cm == null ? read(valuesFile) : dataKey(cm, "values", valuesFile);
        } else if (configMap != null && configMap.path("data").hasNonNull("values")) {
            valuesText = configMap.path("data").path("values").asText();
        } else {
            valuesText = EmbeddedDefaults.values();
        }
        String meshText;
        if (meshConfigFile != null) {
            JsonNode cm = configMapOrNull(meshConfigFile);
            meshText = cm == null ? read(meshConfigFile) : dataKey(cm, "mesh", meshConfigFile);
        } else {
            meshText = EmbeddedDefaults.mesh();
        }
        ClusterFacts facts = kubeletVersion == null ? ClusterFacts.NONE
                : ClusterFacts.of(Map.of("node", kubeletVersion), Map.of());
        String rev = revision == null || revision.isEmpty() ? defaultRevision : revision;
        try {
            return Injector.create(config, InjectorValues.parse(valuesText), MeshConfig.parse(meshText), rev,
                    InjectorEnv.fromVariables(environment), facts);
        } catch (InjectorConfigException e) {
            throw new BadConfig(e.getMessage());
        }
    }

    /** A full config has {@code templates}; anything else that parses is a bare {@code sidecar} template (h.4). */
    private InjectorConfig parseConfig(String text) throws BadConfig {
        try {
            InjectorConfig parsed = InjectorConfig.parse(text);
            if (!parsed.templates().isEmpty()) {
                return parsed;
            }
        } catch (InjectorConfigException e) {
            if (injectConfigFile == null) {
                throw new BadConfig("embedded injector config is broken: " + e.getMessage());
            }
        }
        if (injectConfigFile == null) {
            throw new BadConfig("embedded injector config has no templates");
        }
        return InjectorConfig.ofTemplates(Map.of("sidecar", text));
    }

    private static JsonNode configMapOrNull(Path file) throws BadConfig {
        try {
            JsonNode n = YAML.readTree(read(file));
            return n != null && n.isObject() && "ConfigMap".equals(n.path("kind").asText()) ? n : null;
        } catch (JsonProcessingException e) {
            return null; // not YAML we can read as an object: treat the text as the key's content
        }
    }

    private static String dataKey(JsonNode configMap, String key, Path file) throws BadConfig {
        JsonNode v = configMap.path("data").get(key);
        if (v == null || !v.isTextual()) {
            throw new BadConfig(file + ": ConfigMap " + configMap.path("metadata").path("name").asText("")
                    + " has no data." + key);
        }
        return v.asText();
    }

    private static String read(Path file) throws BadConfig {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadConfig("no such file: " + file);
        } catch (IOException e) {
            throw new BadConfig("cannot read " + file + ": " + e.getMessage());
        }
    }
}
