package dev.meshhook.config;

import dev.meshhook.cluster.InjectorConfigSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Lets the ConfigMap watcher feed the service's {@link ConfigHolder}: an accepted configuration replaces the
 * current one atomically; a rejected one throws, so the watcher reports it, and the last good one stays in force.
 */
@ApplicationScoped
public class HolderConfigSink implements InjectorConfigSink {

    private static final Logger LOG = Logger.getLogger(HolderConfigSink.class);

    private final ConfigHolder<InjectorSetup> holder;

    public HolderConfigSink(ConfigHolder<InjectorSetup> holder) {
        this.holder = holder;
    }

    @Override
    public void install(String config, String values, String mesh, String origin) {
        ConfigHolder.Update<InjectorSetup> update = holder.offer(new InjectorSources(config, values, mesh, origin));
        if (update instanceof ConfigHolder.Update.Rejected<InjectorSetup> rejected) {
            throw new IllegalArgumentException(rejected.rejection().reason());
        }
        if (update instanceof ConfigHolder.Update.Accepted<InjectorSetup> accepted) {
            LOG.infof("injector configuration generation %d loaded from %s", accepted.snapshot().generation(), origin);
        }
    }
}
