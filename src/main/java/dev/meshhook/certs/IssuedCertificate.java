package dev.meshhook.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A certificate together with its private key (a CA or a serving certificate). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        return Pem.encodeCertificate(certificate);
    }

    /** The private key as PKCS#8 PEM text ({@code BEGIN PRIVATE KEY}). */
    public String keyPem() {
        return Pem.encodePrivateKey(key);
    }
}
