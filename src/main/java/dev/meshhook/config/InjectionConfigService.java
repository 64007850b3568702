package dev.meshhook.config;

import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectorEnv;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Owns the service's {@link ConfigHolder}: fills it at start from {@code meshhook.injector.dir} /
 * {@code meshhook.mesh.file} (or the embedded defaults) and keeps it current by watching those files.
 * Other feeders (the ConfigMap watcher of {@code dev.meshhook.cluster}) offer their texts to the same holder.
 * Every accepted configuration is compiled into an {@code Injector} with istiod's environment and the cluster
 * facts (node versions, namespace annotations) when the cluster integration provides them.
 */
@ApplicationScoped
public class InjectionConfigService {

    private static final Logger LOG = Logger.getLogger(InjectionConfigService.class);

    private final ConfigHolder<InjectorSetup> holder;
    private final ServiceSettings settings;
    private final Optional<String> injectorDir;
    private final Optional<String> meshFile;
    private final Duration recheck;
    private InjectorFileSource source;

    public InjectionConfigService(@ConfigProperty(name = "meshhook.injector.dir") Optional<String> injectorDir,
                                  @ConfigProperty(name = "meshhook.mesh.file") Optional<String> meshFile,
                                  @ConfigProperty(name = "meshhook.config.recheck-period", defaultValue = "30s")
                                  Duration recheck,
                                  @ConfigProperty(name = "meshhook.revision") Optional<String> revision,
                                  @ConfigProperty(name = "meshhook.inject.cache-entries", defaultValue = "256")
                                  int cacheEntries,
                                  Instance<ClusterFacts> cluster) {
        if (cacheEntries < 0) {
            // a setting error, not a configuration the holder should reject and work around
            throw new IllegalArgumentException("meshhook.inject.cache-entries (MESHHOOK_INJECT_CACHE_ENTRIES) must be 0 or "
                    + "more, got " + cacheEntries);
        }
        this.injectorDir = injectorDir.filter(s -> !s.isBlank());
        this.meshFile = meshFile.filter(s -> !s.isBlank());
        this.recheck = recheck;
        Map<String, String> environment = System.getenv();
        this.settings = ServiceSettings.from(
                name -> name.equals("MESHHOOK_REVISION") ? revision.orElse(null) : environment.get(name));
        InjectorEnv env = new InjectorEnv(settings.enableNativeSidecars(), settings.compliancePolicy(),
                settings.platform(), settings.injectEnabled(), environment);
        // the cluster integration's informers when it provides them (asked per request, so it may start later)
        ClusterFacts facts = cluster.isResolvable() ? cluster.get() : ClusterFacts.NONE;
        this.holder = new ConfigHolder<>(sources -> InjectorSetup.compile(sources, settings.revision(), env, facts,
                cacheEntries));
        this.holder.onChange(snapshot -> {
            snapshot.compiled().warnings().forEach(LOG::warn);
            if (cacheEntries > 0 && !snapshot.compiled().cache().active()) {
                LOG.info("injection outcomes are not reused: a template calls a random function (randAlpha, uuidv4...)");
            }
        });
    }

    /** The one holder of the running service; inject it to read or feed the configuration. */
    @Produces
    @Singleton
    ConfigHolder<InjectorSetup> holder() {
        return holder;
    }

    /** istiod's environment as this service read it at start. */
    @Produces
    @Singleton
    ServiceSettings settings() {
        return settings;
    }

    void start(@Observes StartupEvent event) {
        source = new InjectorFileSource(injectorDir.map(Path::of).orElse(null), meshFile.map(Path::of).orElse(null),
                InjectorSetup::embeddedSources, holder);
        LOG.infof("injector configuration source: %s; revision %s, ENABLE_NATIVE_SIDECARS=%s", source.describe(),
                settings.revision(), settings.enableNativeSidecars());
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
