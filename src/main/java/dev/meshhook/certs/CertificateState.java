package dev.meshhook.certs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the webhook's certificate lifecycle keeps in its Secret, so every replica serves the same and any
 * replica can take over rotation.
 *
 * @param signer           the CA that signs the current serving certificate
 * @param next             a new CA that already sits in the trust bundle and will sign the next serving certificate
 * @param trusted          the trust bundle ({@code caBundle} of the webhook configurations), in order
 * @param serving          the serving certificate all replicas present
 * @param bundleChangedAt  when {@code trusted} last changed
 * @param servingIssuedAt  when {@code serving} was issued
 */
public record CertificateState(IssuedCertificate signer, Optional<IssuedCertificate> next, List<X509Certificate> trusted,
                               IssuedCertificate serving, Instant bundleChangedAt, Instant servingIssuedAt) {

    /** Secret data keys. {@code ca.crt}, {@code tls.crt} and {@code tls.key} follow the kubernetes.io/tls convention. */
    public static final String KEY_BUNDLE = TlsFiles.CA_FILE;
    public static final String KEY_CERT = TlsFiles.CERT_FILE;
    public static final String KEY_KEY = TlsFiles.KEY_FILE;
    public static final String KEY_SIGNER_CERT = "ca-signer.crt";
    public static final String KEY_SIGNER_KEY = "ca-signer.key";
    public static final String KEY_NEXT_CERT = "ca-next.crt";
    public static final String KEY_NEXT_KEY = "ca-next.key";
    /** Secret annotations holding the two timestamps (ISO-8601). */
    public static final String ANNOTATION_BUNDLE_CHANGED = "meshhook.dev/bundle-changed-at";
    public static final String ANNOTATION_SERVING_ISSUED = "meshhook.dev/serving-issued-at";

    public CertificateState {
        trusted = List.copyOf(trusted);
    }

    /** The trust bundle as PEM (the content of {@code caBundle}, before base64). */
    public String bundlePem() {
        return Pem.encodeCertificates(trusted);
    }

    public TlsFiles.Material tlsMaterial() {
        return new TlsFiles.Material(bundlePem(), serving.certificatePem(), serving.keyPem());
    }

    /** Secret {@code data}: base64 values, as the API expects. */
    public Map<String, String> toSecretData() {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put(KEY_BUNDLE, bundlePem());
        plain.put(KEY_CERT, serving.certificatePem());
        plain.put(KEY_KEY, serving.keyPem());
        plain.put(KEY_SIGNER_CERT, signer.certificatePem());
        plain.put(KEY_SIGNER_KEY, signer.keyPem());
        next.ifPresent(n -> {
            plain.put(KEY_NEXT_CERT, n.certificatePem());
            plain.put(KEY_NEXT_KEY, n.keyPem());
        });
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        return data;
    }

    public Map<String, String> toSecretAnnotations() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(ANNOTATION_BUNDLE_CHANGED, bundleChangedAt.toString());
        a.put(ANNOTATION_SERVING_ISSUED, servingIssuedAt.toString());
        return a;
    }

    /**
     * Reads the state back from a Secret's base64 {@code data} and annotations.
     *
     * @throws CertificateException naming the key that is missing or broken
     */
    public static CertificateState fromSecret(Map<String, String> data, Map<String, String> annotations) {
        Map<String, String> d = data == null ? Map.of() : data;
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        IssuedCertificate signer = issued(d, KEY_SIGNER_CERT, KEY_SIGNER_KEY);
        Optional<IssuedCertificate> next = d.containsKey(KEY_NEXT_CERT)
                ? Optional.of(issued(d, KEY_NEXT_CERT, KEY_NEXT_KEY)) : Optional.empty();
        IssuedCertificate serving = issued(d, KEY_CERT, KEY_KEY);
        List<X509Certificate> trusted = new ArrayList<>(withKey(KEY_BUNDLE, () -> Pem.readCertificates(text(d, KEY_BUNDLE))));
        return new CertificateState(signer, next, trusted, serving, instant(a, ANNOTATION_BUNDLE_CHANGED),
                instant(a, ANNOTATION_SERVING_ISSUED));
    }

    private static IssuedCertificate issued(Map<String, String> d, String certKey, String keyKey) {
        return withKey(certKey, () -> Pem.readIssued(text(d, certKey), text(d, keyKey)));
    }

    private static String text(Map<String, String> d, String key) {
        String v = d.get(key);
        if (v == null) {
            throw new CertificateException("key " + key + " is missing");
        }
        try {
            return new String(Base64.getMimeDecoder().decode(v), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("key " + key + " is not base64", e);
        }
    }

    private static Instant instant(Map<String, String> a, String key) {
        String v = a.get(key);
        try {
            return v == null ? Instant.EPOCH : Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static <T> T withKey(String key, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (CertificateException e) {
            if (e.getMessage().startsWith("key ")) {
                throw e;
            }
            throw new CertificateException("key " + key + ": " + e.getMessage(), e);
        }
    }
}
