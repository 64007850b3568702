package dev.meshhook.admission;

import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;

/** The injection decision for one pod, as the webhook sees it: one configuration snapshot's injector. */
@FunctionalInterface
public interface PodInjector {
    InjectionOutcome inject(InjectionRequest request);
}
