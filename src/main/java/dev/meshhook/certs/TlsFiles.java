package dev.meshhook.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS directory the HTTPS server reloads from: {@code ca.crt} (trust bundle), {@code tls.crt}, {@code tls.key},
 * the same key names as a {@code kubernetes.io/tls} Secret and cert-manager.
 */
public final class TlsFiles {

    public static final String CA_FILE = "ca.crt";
    public static final String CERT_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";

    private TlsFiles() {}

    /** PEM contents of one TLS directory. */
    public record Material(String caBundlePem, String certificatePem, String keyPem) {
        public Map<String, String> asFiles() {
            Map<String, String> files = new LinkedHashMap<>();
            files.put(CA_FILE, caBundlePem);
            // key before certificate: a reload that sees the new certificate also finds its key
            files.put(KEY_FILE, keyPem);
            files.put(CERT_FILE, certificatePem);
            return files;
        }
    }

    /**
     * Creates a fresh CA and a serving certificate for {@code dnsNames}/{@code ipAddresses} and writes them into
     * {@code dir}. For a standalone or first start; in a cluster the Secret's material replaces it.
     */
    public static Material generateSelfSigned(Path dir, List<String> dnsNames, List<String> ipAddresses,
                                              Duration caValidity, Duration servingValidity) {
        Instant now = Instant.now();
        IssuedCertificate ca = CertificateFactory.newCa("meshhook-ca", caValidity, now);
        IssuedCertificate serving = CertificateFactory.newServing(ca, dnsNames, ipAddresses, servingValidity, now);
        Material m = new Material(ca.certificatePem(), serving.certificatePem(), serving.keyPem());
        write(dir, m);
        return m;
    }

    /** Writes only the files whose content differs; returns whether anything was written. */
    public static boolean write(Path dir, Material material) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : material.asFiles().entrySet()) {
            String current = readIfPresent(dir.resolve(e.getKey())).orElse(null);
            if (!e.getValue().equals(current)) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        writeAtomically(dir, changed);
        return !changed.isEmpty();
    }

    /** The material in {@code dir}, or empty when any of the three files is missing. */
    public static Optional<Material> read(Path dir) {
        Optional<String> ca = readIfPresent(dir.resolve(CA_FILE));
        Optional<String> crt = readIfPresent(dir.resolve(CERT_FILE));
        Optional<String> key = readIfPresent(dir.resolve(KEY_FILE));
        if (ca.isEmpty() || crt.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Material(ca.get(), crt.get(), key.get()));
    }

    /**
     * Writes every file to a temporary file in the same directory, then renames it over the target, so a
     * concurrent reload never reads half a file. Keys are written owner-readable only.
     */
    public static void writeAtomically(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path target = dir.resolve(e.getKey());
                Path tmp = Files.createTempFile(dir, "." + e.getKey(), ".tmp");
                try {
                    Files.writeString(tmp, e.getValue(), StandardCharsets.US_ASCII);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException unsupported) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new CertificateException("cannot write TLS files to " + dir + ": " + e, e);
        }
    }

    private static Optional<String> readIfPresent(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            throw new CertificateException("cannot read " + p + ": " + e, e);
        }
    }
}
