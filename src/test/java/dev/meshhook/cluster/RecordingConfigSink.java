package dev.meshhook.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Test stand-in for the service's config holder: parses like the real one would (YAML config, JSON values, YAML mesh)
 * and keeps the last good texts.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class RecordingConfigSink implements InjectorConfigSink {

    record Installed(String config, String values, String mesh, String origin) {}

    private final AtomicReference<Installed> current = new AtomicReference<>();

    /** Accessed through a method: the test holds a client proxy, whose fields are not the bean's. */
    Installed current() {
        return current.get();
    }

    @Override
    public void install(String config, String values, String mesh, String origin) {
        try {
            var parsed = new YAMLMapper().readTree(config);
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("config is not a YAML mapping");
            }
            new ObjectMapper().readTree(values);
            new YAMLMapper().readTree(mesh);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        current.set(new Installed(config, values, mesh, origin));
    }
}
