package dev.meshhook.config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Owns the service's {@link ConfigHolder}: fills it at start from {@code meshhook.injector.dir} /
 * {@code meshhook.mesh.file} (or the embedded defaults) and keeps it current by watching those files.
 * Other feeders (the ConfigMap informer) inject the holder and offer their texts to it.
 */
@ApplicationScoped
public class InjectionConfigService {

    private static final Logger LOG = Logger.getLogger(InjectionConfigService.class);

    private final ConfigHolder<InjectorSetup> holder;
    private final Optional<String> injectorDir;
    private final Optional<String> meshFile;
    private final Duration recheck;
    private InjectorFileSource source;

    public InjectionConfigService(@ConfigProperty(name = "meshhook.injector.dir") Optional<String> injectorDir,
                                  @ConfigProperty(name = "meshhook.mesh.file") Optional<String> meshFile,
                                  @ConfigProperty(name = "meshhook.config.recheck-period", defaultValue = "30s")
                                  Duration recheck) {
        this.injectorDir = injectorDir.filter(s -> !s.isBlank());
        this.meshFile = meshFile.filter(s -> !s.isBlank());
        this.recheck = recheck;
        this.holder = new ConfigHolder<>(InjectorSetup::compile);
    }

    /** The one holder of the running service; inject it to read or feed the configuration. */
    @Produces
    @Singleton
    ConfigHolder<InjectorSetup> holder() {
        return holder;
    }

    void start(@Observes StartupEvent event) {
        source = new InjectorFileSource(injectorDir.map(Path::of).orElse(null), meshFile.map(Path::of).orElse(null),
                InjectorSetup::embeddedSources, holder);
        LOG.infof("injector configuration source: %s", source.describe());
        source.reload();
        try {
            source.start(recheck);
        } catch (IOException e) {
            LOG.warnf("cannot watch the injector configuration files (%s); changes are picked up every %s", e,
                    recheck);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (source != null) {
            source.close();
        }
    }
}
