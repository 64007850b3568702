package dev.meshhook.certs;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Issues the webhook's CA and serving certificates with BouncyCastle: EC P-256 keys, SHA256withECDSA signatures.
 * Plain static API so that it can run before Quarkus boots (no CDI, no provider registration).
 */
public final class CertificateFactory {

    /** Clock skew tolerance: certificates are valid from a little before "now" (API server clocks differ). */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateFactory() {}

    /** A self-signed CA certificate valid for {@code validity} from {@code now}. */
    public static IssuedCertificate newCa(String commonName, Duration validity, Instant now) {
        requirePositive(validity);
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new IssuedCertificate(sign(b, keys), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new CertificateException("cannot create CA certificate " + commonName + ": " + e.getMessage(), e);
        }
    }

    /**
     * A serving certificate signed by {@code ca}. Never outlives the CA: the end of validity is clamped to the CA's.
     *
     * @param dnsNames DNS subject alternative names (the first one is also the common name)
     * @param ipAddresses IP subject alternative names, literal addresses only
     */
    public static IssuedCertificate newServing(IssuedCertificate ca, List<String> dnsNames, List<String> ipAddresses,
                                               Duration validity, Instant now) {
        requirePositive(validity);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new CertificateException("a serving certificate needs at least one DNS name or IP address");
        }
        KeyPair keys = newKeyPair();
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        String cn = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(cn), keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, sans(dnsNames, ipAddresses));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder("SHA256withECDSA");
            ContentSigner signer = signerBuilder.build(ca.key());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new IssuedCertificate(cert, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new CertificateException("cannot create serving certificate " + cn + ": " + e.getMessage(), e);
        }
    }

    /**
     * The DNS names under which the API server and in-cluster clients reach a Service, plus {@code localhost}:
     * {@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.<clusterDomain>}.
     */
    public static List<String> serviceDnsNames(String service, String namespace, String clusterDomain) {
        Set<String> names = new LinkedHashSet<>();
        names.add(service + "." + namespace + ".svc");
        names.add(service);
        names.add(service + "." + namespace);
        if (clusterDomain != null && !clusterDomain.isBlank()) {
            names.add(service + "." + namespace + ".svc." + clusterDomain);
        }
        names.add("localhost");
        return List.copyOf(names);
    }

    private static GeneralNames sans(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, literalAddress(ip)));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** Validates that {@code ip} is a literal address (never resolves a host name). */
    private static String literalAddress(String ip) {
        boolean literal = ip.matches("[0-9.]+") || ip.contains(":");
        if (!literal) {
            throw new CertificateException("not an IP address literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new CertificateException("not an IP address literal: " + ip, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKeys) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CertificateException("EC P-256 key generation is unavailable: " + e.getMessage(), e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "meshhook").addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static void requirePositive(Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new CertificateException("certificate validity must be positive, got " + validity);
        }
    }
}
