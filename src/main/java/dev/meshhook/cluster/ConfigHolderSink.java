package dev.meshhook.cluster;

import dev.meshhook.config.ConfigHolder;
import dev.meshhook.config.InjectorSetup;
import dev.meshhook.config.InjectorSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Feeds ConfigMap texts into the service's {@link ConfigHolder}, which compiles and swaps them atomically. */
@ApplicationScoped
public class ConfigHolderSink implements InjectorConfigSink {

    @Inject
    ConfigHolder<InjectorSetup> holder;

    @Override
    public void install(String config, String values, String mesh, String origin) {
        ConfigHolder.Update<InjectorSetup> update = holder.offer(new InjectorSources(config, values, mesh, origin));
        if (update instanceof ConfigHolder.Update.Rejected<InjectorSetup> rejected) {
            throw new IllegalArgumentException(rejected.rejection().reason());
        }
    }

    @Override
    public void reject(String origin, String reason) {
        holder.reject(origin, reason);
    }
}
