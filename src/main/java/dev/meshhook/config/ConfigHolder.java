package dev.meshhook.config;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The current injector configuration with atomic swap and last-good semantics (inject-spec a.6, c.6).
 *
 * <p>Every update is compiled first; only a configuration that compiles replaces the current one, in a
 * single reference swap, so a request always sees one consistent snapshot. A rejected update keeps the
 * last good snapshot and is remembered as {@link #lastRejection()} until the next accepted update.
 * Feeders (file watcher, ConfigMap informer) call {@link #offer}, {@link #offerInjector} or
 * {@link #offerMesh}; readers call {@link #current()} once per request and use that snapshot throughout.
 *
 * @param <T> the compiled form requests work with
 */
public final class ConfigHolder<T> {

    /** One accepted configuration. {@code generation} increases by one per accepted update, from 1. */
    public record Snapshot<T>(long generation, InjectorSources sources, T compiled, Instant loadedAt) {}

    /** An update that did not compile; the previous snapshot stayed in force. */
    public record Rejection(String origin, String reason, Instant at) {}

    /** Outcome of one offer. */
    public sealed interface Update<T> {
        record Accepted<T>(Snapshot<T> snapshot) implements Update<T> {}

        record Rejected<T>(Rejection rejection) implements Update<T> {}

        /** The offered texts equal the current ones: nothing was compiled or swapped. */
        record Unchanged<T>(Snapshot<T> snapshot) implements Update<T> {}
    }

    private final Function<InjectorSources, T> compiler;
    private final Clock clock;
    private final AtomicReference<Snapshot<T>> current = new AtomicReference<>();
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();
    private final List<Consumer<Snapshot<T>>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param compiler turns texts into the compiled form; it throws (any RuntimeException) with a message
     *                 saying what is wrong when the texts are not a usable configuration
     */
    public ConfigHolder(Function<InjectorSources, T> compiler) {
        this(compiler, Clock.systemUTC());
    }

    ConfigHolder(Function<InjectorSources, T> compiler, Clock clock) {
        this.compiler = Objects.requireNonNull(compiler);
        this.clock = clock;
    }

    /** The snapshot in force, empty until the first update was accepted. */
    public Optional<Snapshot<T>> current() {
        return Optional.ofNullable(current.get());
    }

    /** The last rejected update, if it came after the last accepted one. */
    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection.get());
    }

    /** Called after every accepted swap, on the feeding thread. A throwing listener does not undo the swap. */
    public void onChange(Consumer<Snapshot<T>> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Offers a complete set of texts. Serialised so generations are strictly ordered. */
    public synchronized Update<T> offer(InjectorSources sources) {
        Objects.requireNonNull(sources, "sources");
        Snapshot<T> before = current.get();
        if (before != null && sameTexts(before.sources(), sources)) {
            lastRejection.set(null); // the offered texts are the good ones in force
            return new Update.Unchanged<>(before);
        }
        T compiled;
        try {
            compiled = compiler.apply(sources);
            if (compiled == null) {
                throw new IllegalStateException("configuration compiled to nothing");
            }
        } catch (RuntimeException | LinkageError e) {
            Rejection rejection = new Rejection(sources.origin(), describe(e), clock.instant());
            lastRejection.set(rejection);
            return new Update.Rejected<>(rejection);
        }
        Snapshot<T> next = new Snapshot<>(before == null ? 1 : before.generation() + 1, sources, compiled,
                clock.instant());
        current.set(next);
        lastRejection.set(null);
        for (Consumer<Snapshot<T>> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException ignored) {
                // a listener's failure is its own business; the swap has happened
            }
        }
        return new Update.Accepted<>(next);
    }

    /**
     * Replaces the injector part ({@code config} + {@code values}) and keeps the current mesh text. Before
     * any snapshot exists the mesh is empty (Istio's defaults).
     */
    public synchronized Update<T> offerInjector(String config, String values, String origin) {
        Snapshot<T> before = current.get();
        String mesh = before == null ? "" : before.sources().mesh();
        return offer(new InjectorSources(config, values, mesh, origin));
    }

    /**
     * Replaces the mesh text and keeps the current injector part. Without an injector part yet there is
     * nothing to combine it with: the update is rejected and says so.
     */
    public synchronized Update<T> offerMesh(String mesh, String origin) {
        Snapshot<T> before = current.get();
        if (before == null) {
            return reject(origin, "mesh config offered before any injector config");
        }
        return offer(before.sources().withMesh(mesh, origin));
    }

    /**
     * Records an update that could not even be assembled (for instance an unreadable file): the current snapshot
     * stays, and the reason shows as {@link #lastRejection()}.
     */
    public Update<T> reject(String origin, String reason) {
        Rejection rejection = new Rejection(origin, reason, clock.instant());
        lastRejection.set(rejection);
        return new Update.Rejected<>(rejection);
    }

    private static boolean sameTexts(InjectorSources a, InjectorSources b) {
        return a.config().equals(b.config()) && a.values().equals(b.values()) && a.mesh().equals(b.mesh());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
