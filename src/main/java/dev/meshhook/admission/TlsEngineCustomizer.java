package dev.meshhook.admission;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Chooses the TLS engine of the HTTPS webhook listener ({@code meshhook.tls.engine}, env
 * {@code MESHHOOK_TLS_ENGINE}): {@code auto} (default) uses BoringSSL through netty-tcnative where its native
 * library loads and the JDK engine elsewhere; {@code openssl} insists on BoringSSL (start-up fails without it);
 * {@code jdk} keeps the JDK engine. Why: the JDK engine's AES-GCM runs its Java fallback until C2 has compiled the
 * callers, which made a 1 MB admission body cost tens of milliseconds of record decryption alone.
 */
@ApplicationScoped
public class TlsEngineCustomizer implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(TlsEngineCustomizer.class);

    private final String engine;

    public TlsEngineCustomizer(@ConfigProperty(name = "meshhook.tls.engine", defaultValue = "auto") String engine) {
        this.engine = engine.trim().toLowerCase(Locale.ROOT);
        if (!this.engine.equals("auto") && !this.engine.equals("openssl") && !this.engine.equals("jdk")) {
            throw new IllegalArgumentException("meshhook.tls.engine must be auto, openssl or jdk, got \"" + engine + "\"");
        }
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
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
