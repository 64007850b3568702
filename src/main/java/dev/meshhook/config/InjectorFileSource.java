package dev.meshhook.config;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Feeds a {@link ConfigHolder} from files, Istio's way (inject-spec c.1, c.6): a directory holding {@code config}
 * and {@code values} (the {@code istio-sidecar-injector} ConfigMap mounted as a volume) and a mesh config file.
 * Either may be absent, in which case the embedded defaults stand in for it.
 *
 * <p>The directories are watched (a ConfigMap volume update swaps a {@code ..data} symlink, so watching the files
 * themselves would miss it); every event schedules one reload after a 100 ms debounce, as istiod does. A periodic
 * re-read backs the watcher up on file systems that do not report events; unchanged texts cost one comparison.
 */
public final class InjectorFileSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InjectorFileSource.class);
    private static final long DEBOUNCE_MILLIS = 100;

    private final Path injectorDir;
    private final Path meshFile;
    private final Supplier<InjectorSources> embedded;
    private final ConfigHolder<?> holder;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pending;
    private WatchService watcher;
    private Thread watchThread;

    /**
     * @param injectorDir directory with {@code config} and {@code values}, or null for the embedded ones
     * @param meshFile    mesh config file, or null for the embedded mesh
     * @param embedded    the built-in texts
     */
    public InjectorFileSource(Path injectorDir, Path meshFile, Supplier<InjectorSources> embedded,
                              ConfigHolder<?> holder) {
        this.injectorDir = injectorDir;
        this.meshFile = meshFile;
        this.embedded = embedded;
        this.holder = holder;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meshhook-config-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where the texts come from, for logs. */
    public String describe() {
        return "injector=" + (injectorDir == null ? "embedded" : injectorDir) + " mesh="
                + (meshFile == null ? "embedded" : meshFile);
    }

    /** Reads the sources now and offers them to the holder; logs the outcome. */
    public synchronized ConfigHolder.Update<?> reload() {
        InjectorSources sources;
        try {
            sources = read();
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof NoSuchFileException ? "missing file " + e.getMessage() : e.toString();
            ConfigHolder.Update<?> rejected = holder.reject(origin(), reason);
            LOG.warnf("injector configuration not reloaded, keeping the last good one: %s", reason);
            return rejected;
        }
        ConfigHolder.Update<?> update = holder.offer(sources);
        if (update instanceof ConfigHolder.Update.Accepted<?> accepted) {
            LOG.infof("injector configuration generation %d loaded from %s", accepted.snapshot().generation(),
                    sources.origin());
        } else if (update instanceof ConfigHolder.Update.Rejected<?> rejected) {
            LOG.warnf("injector configuration from %s rejected, keeping the last good one: %s", sources.origin(),
                    rejected.rejection().reason());
        }
        return update;
    }

    /**
     * Starts watching and periodic re-reads.
     *
     * @param recheck period of the backup re-read; zero or negative disables it
     */
    public synchronized void start(Duration recheck) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        if (injectorDir != null) {
            dirs.add(injectorDir.toAbsolutePath());
        }
        if (meshFile != null) {
            Path parent = meshFile.toAbsolutePath().getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        if (!dirs.isEmpty()) {
            watcher = FileSystems.getDefault().newWatchService();
            for (Path dir : dirs) {
                if (Files.isDirectory(dir)) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                } else {
                    LOG.warnf("cannot watch %s: not a directory; relying on periodic re-reads", dir);
                }
            }
            watchThread = new Thread(this::watchLoop, "meshhook-config-watch");
            watchThread.setDaemon(true);
            watchThread.start();
            if (recheck != null && !recheck.isZero() && !recheck.isNegative()) {
                scheduler.scheduleWithFixedDelay(this::reloadQuietly, recheck.toMillis(), recheck.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing on shutdown; nothing left to do
            }
        }
    }

    InjectorSources read() throws IOException {
        InjectorSources builtIn = injectorDir == null || meshFile == null ? embedded.get() : null;
        String config = injectorDir == null ? builtIn.config() : readText(injectorDir.resolve("config"));
        String values = injectorDir == null ? builtIn.values() : readText(injectorDir.resolve("values"));
        String mesh = meshFile == null ? builtIn.mesh() : readText(meshFile);
        return new InjectorSources(config, values, mesh, origin());
    }

    private static String readText(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private String origin() {
        return describe();
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
                scheduleReload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // shutting down
        }
    }

    private synchronized void scheduleReload() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!scheduler.isShutdown()) {
            pending = scheduler.schedule(this::reloadQuietly, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.errorf(e, "injector configuration reload failed");
        }
    }
}
