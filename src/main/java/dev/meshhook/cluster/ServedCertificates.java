package dev.meshhook.cluster;

import dev.meshhook.certs.CertificateException;
import dev.meshhook.certs.CertificateInfo;
import dev.meshhook.certs.Pem;
import dev.meshhook.certs.TlsFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTPS server serves right now, read from the TLS directory: the serving certificate and the earliest-expiring
 * CA of the bundle. Re-read when the files change (cheap check on modification time).
 */
public final class ServedCertificates {

    /** Parsed view of the directory; {@code error} is set when the files are missing or unreadable. */
    public record Snapshot(Optional<CertificateInfo> serving, Optional<CertificateInfo> earliestCa, int caCount,
                           Optional<String> error) {}

    private final Path dir;
    private volatile long stamp = Long.MIN_VALUE;
    private volatile Snapshot snapshot = new Snapshot(Optional.empty(), Optional.empty(), 0, Optional.of("not read yet"));

    public ServedCertificates(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Snapshot current() {
        long s = stamp();
        if (s != stamp) {
            snapshot = read();
            stamp = s;
        }
        return snapshot;
    }

    private long stamp() {
        long sum = 0;
        for (String f : List.of(TlsFiles.CERT_FILE, TlsFiles.CA_FILE)) {
            try {
                sum = sum * 31 + Files.getLastModifiedTime(dir.resolve(f)).toMillis() + Files.size(dir.resolve(f));
            } catch (java.io.IOException e) {
                sum = sum * 31 - 1;
            }
        }
        return sum;
    }

    private Snapshot read() {
        Optional<TlsFiles.Material> m;
        try {
            m = TlsFiles.read(dir);
        } catch (CertificateException e) {
            return new Snapshot(Optional.empty(), Optional.empty(), 0, Optional.of(e.getMessage()));
        }
        if (m.isEmpty()) {
            return new Snapshot(Optional.empty(), Optional.empty(), 0,
                    Optional.of("missing " + TlsFiles.CA_FILE + ", " + TlsFiles.CERT_FILE + " or " + TlsFiles.KEY_FILE + " in " + dir));
        }
        try {
            X509Certificate serving = Pem.readCertificate(m.get().certificatePem());
            List<X509Certificate> cas = Pem.readCertificates(m.get().caBundlePem());
            Optional<CertificateInfo> earliest = cas.stream().map(CertificateInfo::of)
                    .min(Comparator.comparing(CertificateInfo::notAfter));
            return new Snapshot(Optional.of(CertificateInfo.of(serving)), earliest, cas.size(), Optional.empty());
        } catch (CertificateException e) {
            return new Snapshot(Optional.empty(), Optional.empty(), 0, Optional.of(e.getMessage()));
        }
    }
}
