package dev.meshhook.certs;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** PEM text encoding and decoding of certificates and private keys. */
public final class Pem {

    private Pem() {}

    public static String encodeCertificate(X509Certificate certificate) {
        try {
            return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new CertificateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Concatenated PEM blocks, in order (a CA bundle). */
    public static String encodeCertificates(Collection<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            sb.append(encodeCertificate(c));
        }
        return sb.toString();
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), which Vert.x and the JDK read for RSA and EC keys alike. */
    public static String encodePrivateKey(PrivateKey key) {
        return write(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /**
     * All certificates in {@code pem}, in order. Text outside PEM blocks is ignored; other block types (keys) are skipped.
     *
     * @throws CertificateException when a CERTIFICATE block is malformed or no certificate is found
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (IOException | java.security.cert.CertificateException | RuntimeException e) {
            throw new CertificateException("malformed PEM certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no PEM certificate found");
        }
        return out;
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate readCertificate(String pem) {
        return readCertificates(pem).get(0);
    }

    /** A private key in PKCS#8, SEC1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}) PEM. */
    public static PrivateKey readPrivateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("malformed PEM private key: " + e.getMessage(), e);
        }
        throw new CertificateException("no unencrypted PEM private key found");
    }

    /** Reads a certificate and its key and checks that they belong together. */
    public static IssuedCertificate readIssued(String certificatePem, String keyPem) {
        IssuedCertificate issued = new IssuedCertificate(readCertificate(certificatePem), readPrivateKey(keyPem));
        if (!KeyMatch.matches(issued.certificate(), issued.key())) {
            throw new CertificateException("private key does not match certificate "
                    + issued.certificate().getSubjectX500Principal());
        }
        return issued;
    }

    private static String write(PemObject object) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
