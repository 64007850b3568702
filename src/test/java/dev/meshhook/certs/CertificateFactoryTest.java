package dev.meshhook.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void servingCertificateChainsToCaAndCarriesSans() throws Exception {
        IssuedCertificate ca = dev.meshhook.certs.CertificateFactory.newCa("test-ca", Duration.ofDays(365), NOW);
        List<String> dns = dev.meshhook.certs.CertificateFactory.serviceDnsNames("meshhook", "mesh", "cluster.local");
        IssuedCertificate srv = dev.meshhook.certs.CertificateFactory.newServing(ca, dns, List.of("127.0.0.1", "::1"),
                Duration.ofDays(30), NOW);

        srv.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(0, ca.certificate().getBasicConstraints());
        assertEquals(-1, srv.certificate().getBasicConstraints());
        assertTrue(srv.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));

        Set<String> sans = srv.certificate().getSubjectAlternativeNames().stream()
                .map(l -> l.get(1).toString()).collect(Collectors.toSet());
        assertTrue(sans.containsAll(Set.of("meshhook.mesh.svc", "meshhook.mesh.svc.cluster.local", "meshhook",
                "meshhook.mesh", "localhost", "127.0.0.1")), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1")), sans.toString());

        CertificateFactory jdk = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(jdk.generateCertPath(List.of(srv.certificate())), params);
    }

    @Test
    void servingCertificateNeverOutlivesItsCa() {
        IssuedCertificate ca = dev.meshhook.certs.CertificateFactory.newCa("short-ca", Duration.ofDays(10), NOW);
        IssuedCertificate srv = dev.meshhook.certs.CertificateFactory.newServing(ca, List.of("a.b.svc"), List.of(),
                Duration.ofDays(30), NOW);
        assertEquals(ca.certificate().getNotAfter(), srv.certificate().getNotAfter());
        assertTrue(srv.certificate().getNotBefore().toInstant().isBefore(NOW), "backdated for clock skew");
    }

    @Test
    void pemRoundTripKeepsCertificatesAndKeys() {
        IssuedCertificate ca = dev.meshhook.certs.CertificateFactory.newCa("ca-1", Duration.ofDays(1), NOW);
        IssuedCertificate ca2 = dev.meshhook.certs.CertificateFactory.newCa("ca-2", Duration.ofDays(1), NOW);
        String bundle = Pem.encodeCertificates(List.of(ca.certificate(), ca2.certificate()));
        List<X509Certificate> read = Pem.readCertificates("leading text\n" + bundle);
        assertEquals(List.of(ca.certificate(), ca2.certificate()), read);

        IssuedCertificate back = Pem.readIssued(ca.certificatePem(), ca.keyPem());
        assertEquals(ca.certificate(), back.certificate());
        assertTrue(ca.keyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void mismatchedKeyAndGarbageAreReportedClearly() {
        IssuedCertificate a = dev.meshhook.certs.CertificateFactory.newCa("a", Duration.ofDays(1), NOW);
        IssuedCertificate b = dev.meshhook.certs.CertificateFactory.newCa("b", Duration.ofDays(1), NOW);
        CertificateException e = assertThrows(CertificateException.class, () -> Pem.readIssued(a.certificatePem(), b.keyPem()));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertTrue(assertThrows(CertificateException.class, () -> Pem.readCertificates("nothing here"))
                .getMessage().contains("no PEM certificate"));
        assertThrows(CertificateException.class, () -> Pem.readCertificates(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertThrows(CertificateException.class, () -> dev.meshhook.certs.CertificateFactory.newServing(a,
                List.of("x"), List.of("not-an-ip"), Duration.ofDays(1), NOW));
    }

    @Test
    void readsRsaKeysInPkcs1AndPkcs8() throws Exception {
        var g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var pair = g.generateKeyPair();
        String pkcs8 = Pem.encodePrivateKey(pair.getPrivate());
        assertEquals(pair.getPrivate(), Pem.readPrivateKey(pkcs8));
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        java.io.StringWriter sw = new java.io.StringWriter();
        try (var w = new org.bouncycastle.util.io.pem.PemWriter(sw)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject("RSA PRIVATE KEY",
                    info.parsePrivateKey().toASN1Primitive().getEncoded()));
        }
        assertEquals(pair.getPrivate().getAlgorithm(), Pem.readPrivateKey(sw.toString()).getAlgorithm());
    }

    @Test
    void expiryInspection() {
        IssuedCertificate ca = dev.meshhook.certs.CertificateFactory.newCa("ca", Duration.ofDays(30), NOW);
        CertificateInfo info = CertificateInfo.of(ca.certificate());
        assertEquals(Duration.ofDays(30), info.remaining(NOW));
        assertFalse(info.dueForRenewal(NOW.plus(Duration.ofDays(19)), 1.0 / 3));
        assertTrue(info.dueForRenewal(NOW.plus(Duration.ofDays(21)), 1.0 / 3));
        assertTrue(info.isValidAt(NOW));
        assertFalse(info.isValidAt(NOW.plus(Duration.ofDays(31))));
    }

    @Test
    void tlsFilesAreWrittenAtomicallyAndOnlyWhenChanged(@TempDir Path dir) throws Exception {
        TlsFiles.Material m = TlsFiles.generateSelfSigned(dir, List.of("localhost"), List.of("127.0.0.1"),
                Duration.ofDays(365), Duration.ofDays(30));
        assertEquals(m, TlsFiles.read(dir).orElseThrow());
        assertFalse(TlsFiles.write(dir, m), "same content: nothing written");
        Pem.readIssued(m.certificatePem(), m.keyPem());
        try (var files = Files.list(dir)) {
            Collection<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("ca.crt", "tls.crt", "tls.key"), names, "no temporary files left behind");
        }
        assertTrue(TlsFiles.write(dir, new TlsFiles.Material(m.caBundlePem(), m.certificatePem(), m.keyPem() + "\n")));
    }
}
