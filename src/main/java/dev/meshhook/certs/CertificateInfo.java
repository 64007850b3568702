package dev.meshhook.certs;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * What operators and the rotation logic need to know about one certificate.
 *
 * @param subject   RFC 2253 subject
 * @param serial    hexadecimal serial number
 */
public record CertificateInfo(String subject, String serial, Instant notBefore, Instant notAfter) {

    public static CertificateInfo of(X509Certificate c) {
        return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getSerialNumber().toString(16),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    /** Time left until expiry (negative once expired). */
    public Duration remaining(Instant now) {
        return Duration.between(now, notAfter);
    }

    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }

    /**
     * Whether less than {@code renewAtRemainingFraction} of the lifetime is left, e.g. 1/3 renews at 2/3 of the
     * lifetime like cert-manager.
     */
    public boolean dueForRenewal(Instant now, double renewAtRemainingFraction) {
        long total = lifetime().toSeconds();
        return remaining(now).toSeconds() < total * renewAtRemainingFraction;
    }
}
