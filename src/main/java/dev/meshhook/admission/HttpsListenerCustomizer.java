package dev.meshhook.admission;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Tunes the HTTPS webhook listener.
 *
 * <p>HTTP/2 flow-control windows: the API server's webhook client speaks HTTP/2, and with the protocol's default
 * 64 KiB window and 16 KiB frames a megabyte-sized AdmissionReview crawled in over many window-update round trips
 * and a thousand frame events (30-200 ms for a 1 MB pod against 12 ms over HTTP/1.1). A stream may now send a
 * whole review at once in large frames (measured after the handshake: 26 ms -> 11 ms); the handler consumes every
 * chunk as it arrives, so the window is credit, not buffered memory.
 *
 * <p>TLS engine ({@code meshhook.tls.engine}, env
 * {@code MESHHOOK_TLS_ENGINE}): {@code auto} (default) uses BoringSSL through netty-tcnative where its native
 * library loads and the JDK engine elsewhere; {@code openssl} insists on BoringSSL (start-up fails without it);
 * {@code jdk} keeps the JDK engine. Why: the JDK engine's AES-GCM runs its Java fallback until C2 has compiled the
 * callers, which made a 1 MB admission body cost tens of milliseconds of record decryption alone.
 */
@ApplicationScoped
public class HttpsListenerCustomizer implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(HttpsListenerCustomizer.class);

    private final String engine;

    public HttpsListenerCustomizer(@ConfigProperty(name = "meshhook.tls.engine", defaultValue = "auto") String engine) {
        this.engine = engine.trim().toLowerCase(Locale.ROOT);
        if (!this.engine.equals("auto") && !this.engine.equals("openssl") && !this.engine.equals("jdk")) {
            throw new IllegalArgumentException("meshhook.tls.engine must be auto, openssl or jdk, got \"" + engine + "\"");
        }
    }

    /** Initial HTTP/2 stream window: a typical review (even with large managedFields) fits in one flight. */
    static final int STREAM_WINDOW = 2 * 1024 * 1024;
    /** Largest HTTP/2 frame a client may send: 64 frames instead of 1000 events for a 1 MB body. */
    static final int MAX_FRAME = 1024 * 1024;
    /** HTTP/2 connection window: several concurrent large reviews on the API server's one connection. */
    static final int CONNECTION_WINDOW = 16 * 1024 * 1024;

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setInitialSettings(options.getInitialSettings().setInitialWindowSize(STREAM_WINDOW)
                .setMaxFrameSize(MAX_FRAME));
        options.setHttp2ConnectionWindowSize(CONNECTION_WINDOW);
        if (engine.equals("jdk")) {
            LOG.info("TLS engine: JDK (meshhook.tls.engine=jdk)");
            return;
        }
        if (OpenSSLEngineOptions.isAvailable()) {
            options.setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(true));
            LOG.infof("TLS engine: BoringSSL (netty-tcnative, %s)", io.netty.handler.ssl.OpenSsl.versionString());
            return;
        }
        Throwable cause = io.netty.handler.ssl.OpenSsl.unavailabilityCause();
        if (engine.equals("openssl")) {
            throw new IllegalStateException("meshhook.tls.engine=openssl but netty-tcnative does not load here: "
                    + cause, cause);
        }
        LOG.infof("TLS engine: JDK (no netty-tcnative native library for this platform: %s)", cause);
    }
}
