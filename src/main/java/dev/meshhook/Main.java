package dev.meshhook;

import dev.meshhook.certs.CertificateInfo;
import dev.meshhook.certs.Pem;
import dev.meshhook.certs.TlsFiles;
import dev.meshhook.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Entry point. No arguments or {@code serve}: make sure serving TLS files exist (the TLS registry validates them
 * at boot), then boot Quarkus and serve until SIGTERM. Any other command goes to the plain picocli {@link Cli},
 * which never boots Quarkus or binds a port.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    /** Default SANs besides localhost/127.0.0.1: the in-cluster Service names of the default install. */
    static final String DEFAULT_DNS_NAMES = "meshhook.meshhook-system.svc,meshhook.meshhook-system.svc.cluster.local,"
            + "meshhook.meshhook-system,meshhook";

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("serve") && args.length == 1) {
            serve();
            return;
        }
        System.exit(Cli.run(args));
    }

    /** Prepares TLS and runs the service until it is stopped. */
    public static void serve() {
        try {
            ensureTlsFiles();
        } catch (RuntimeException e) {
            System.err.println("meshhook: cannot prepare serving TLS files: " + e.getMessage());
            System.exit(1);
        }
        Quarkus.run(Main.class);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    /**
     * Uses mounted {@code tls.crt}/{@code tls.key} when present; otherwise creates a CA and a serving certificate
     * in the TLS directory. Output goes to stdout: the log manager is not configured before Quarkus boots.
     */
    static void ensureTlsFiles() {
        Path dir = Path.of(setting("meshhook.tls.dir", "certs"));
        Path crt = dir.resolve(TlsFiles.CERT_FILE);
        Path key = dir.resolve(TlsFiles.KEY_FILE);
        if (Files.isRegularFile(crt) && Files.isRegularFile(key)) {
            reportExisting(dir, crt);
            return;
        }
        if (!Boolean.parseBoolean(setting("meshhook.tls.self-signed", "true"))) {
            throw new IllegalStateException("no " + crt + " / " + key + " and MESHHOOK_TLS_SELF_SIGNED=false");
        }
        List<String> dns = new ArrayList<>(List.of("localhost"));
        for (String name : setting("meshhook.tls.dns-names", DEFAULT_DNS_NAMES).split(",")) {
            if (!name.isBlank() && !dns.contains(name.trim())) {
                dns.add(name.trim());
            }
        }
        List<String> ips = Arrays.stream(setting("meshhook.tls.ip-addresses", "127.0.0.1,::1").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Duration validity = Duration.parse("P" + setting("meshhook.tls.self-signed-validity-days", "365") + "D");
        TlsFiles.generateSelfSigned(dir, dns, ips, validity.multipliedBy(10), validity);
        Path ca = dir.resolve(TlsFiles.CA_FILE).toAbsolutePath();
        System.out.println("meshhook: no serving certificate mounted; generated a CA and a serving certificate for "
                + String.join(", ", dns) + ", " + String.join(", ", ips) + " in " + dir.toAbsolutePath());
        System.out.println("meshhook: trust it with: curl --cacert " + ca + " https://localhost:"
                + setting("meshhook.https-port", "8443") + "/inject ...");
    }

    private static void reportExisting(Path dir, Path crt) {
        try {
            CertificateInfo info = CertificateInfo.of(Pem.readCertificate(Files.readString(crt, StandardCharsets.US_ASCII)));
            Path ca = dir.resolve(TlsFiles.CA_FILE).toAbsolutePath();
            System.out.println("meshhook: serving certificate " + crt.toAbsolutePath() + " (" + info.subject()
                    + ", valid until " + info.notAfter() + ")" + (Files.isRegularFile(ca) ? "; CA " + ca : ""));
            if (!info.isValidAt(Instant.now())) {
                System.out.println("meshhook: WARNING: the serving certificate is not valid now; delete "
                        + dir.toAbsolutePath() + " to generate a new one, or mount a valid one");
            }
        } catch (RuntimeException | java.io.IOException e) {
            // the TLS registry reports unusable files with its own error at boot
            System.out.println("meshhook: cannot read " + crt + ": " + e.getMessage());
        }
    }

    /** A setting before Quarkus config exists: system property, else its environment variable, else default. */
    static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
