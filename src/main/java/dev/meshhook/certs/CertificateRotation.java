package dev.meshhook.certs;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the next step of the certificate lifecycle. Pure: the caller reads the state, calls {@link #plan}, and writes
 * the result back when it is present. Each call takes at most one step, so that every change of the trust bundle
 * reaches the API servers (and every new serving certificate reaches the replicas) before the step that depends on it:
 * <ol>
 *   <li>no state: create CA and serving certificate;</li>
 *   <li>CA due: create the next CA and add it to the bundle (old CA still signs);</li>
 *   <li>next CA published for {@code overlap}: it becomes the signer and signs a new serving certificate;</li>
 *   <li>serving certificate due, or its names or signer changed: issue a new one from the signer;</li>
 *   <li>serving certificate from the current signer for {@code overlap}: drop the other CAs from the bundle.</li>
 * </ol>
 */
public final class CertificateRotation {

    /** What changed, for logs and metrics. */
    public enum Step { CREATED, CA_ADDED, CA_SWITCHED, SERVING_RENEWED, CA_REMOVED, REPAIRED }

    public record Result(Step step, CertificateState state, String reason) {}

    private CertificateRotation() {}

    /**
     * @param current         the state in the Secret, empty when there is none (or it could not be read)
     * @param bundlePublished whether every webhook configuration already carries {@code current}'s trust bundle
     */
    public static Optional<Result> plan(Optional<CertificateState> current, RotationPolicy policy, Instant now,
                                        boolean bundlePublished) {
        if (current.isEmpty()) {
            IssuedCertificate ca = CertificateFactory.newCa(caName(now), policy.caValidity(), now);
            IssuedCertificate serving = newServing(ca, policy, now);
            return Optional.of(new Result(Step.CREATED,
                    new CertificateState(ca, Optional.empty(), List.of(ca.certificate()), serving, now, now),
                    "no certificates yet"));
        }
        CertificateState s = current.get();
        CertificateInfo signerInfo = CertificateInfo.of(s.signer().certificate());

        if (!s.trusted().contains(s.signer().certificate())
                || s.next().isPresent() && !s.trusted().contains(s.next().get().certificate())) {
            List<X509Certificate> trusted = new ArrayList<>(s.trusted());
            if (!trusted.contains(s.signer().certificate())) {
                trusted.add(s.signer().certificate());
            }
            s.next().filter(n -> !trusted.contains(n.certificate())).ifPresent(n -> trusted.add(n.certificate()));
            return Optional.of(new Result(Step.REPAIRED, new CertificateState(s.signer(), s.next(), trusted, s.serving(),
                    now, s.servingIssuedAt()), "trust bundle lacked an active CA"));
        }

        if (s.next().isEmpty() && due(signerInfo, policy.caValidity(), policy, now)) {
            IssuedCertificate next = CertificateFactory.newCa(caName(now), policy.caValidity(), now);
            List<X509Certificate> trusted = new ArrayList<>(s.trusted());
            trusted.add(next.certificate());
            return Optional.of(new Result(Step.CA_ADDED, new CertificateState(s.signer(), Optional.of(next), trusted,
                    s.serving(), now, s.servingIssuedAt()), "CA expires " + signerInfo.notAfter()));
        }

        if (s.next().isPresent()) {
            boolean settled = bundlePublished && !now.isBefore(s.bundleChangedAt().plus(policy.overlap()));
            boolean signerDead = !signerInfo.isValidAt(now);
            if (settled || signerDead) {
                IssuedCertificate newSigner = s.next().get();
                return Optional.of(new Result(Step.CA_SWITCHED, new CertificateState(newSigner, Optional.empty(),
                        s.trusted(), newServing(newSigner, policy, now), s.bundleChangedAt(), now),
                        signerDead ? "CA expired before the overlap ended" : "new CA published since " + s.bundleChangedAt()));
            }
        }

        Optional<String> servingProblem = servingProblem(s, policy, now);
        if (servingProblem.isPresent()) {
            return Optional.of(new Result(Step.SERVING_RENEWED, new CertificateState(s.signer(), s.next(), s.trusted(),
                    newServing(s.signer(), policy, now), s.bundleChangedAt(), now), servingProblem.get()));
        }

        List<X509Certificate> keep = new ArrayList<>();
        for (X509Certificate c : s.trusted()) {
            boolean active = c.equals(s.signer().certificate())
                    || s.next().map(n -> n.certificate().equals(c)).orElse(false);
            boolean expired = now.isAfter(c.getNotAfter().toInstant());
            boolean retired = !now.isBefore(s.servingIssuedAt().plus(policy.overlap()));
            if (active || !expired && !retired) {
                keep.add(c);
            }
        }
        if (keep.size() != s.trusted().size()) {
            return Optional.of(new Result(Step.CA_REMOVED, new CertificateState(s.signer(), s.next(), keep, s.serving(),
                    now, s.servingIssuedAt()), (s.trusted().size() - keep.size()) + " retired CA(s) left the bundle"));
        }
        return Optional.empty();
    }

    /** When a state check would next have something to do, so the caller can sleep until then. */
    public static Instant nextCheck(CertificateState s, RotationPolicy policy) {
        List<Instant> candidates = new ArrayList<>();
        candidates.add(renewAt(CertificateInfo.of(s.serving().certificate()), policy.servingValidity(), policy));
        candidates.add(renewAt(CertificateInfo.of(s.signer().certificate()), policy.caValidity(), policy));
        if (s.next().isPresent()) {
            candidates.add(s.bundleChangedAt().plus(policy.overlap()));
        }
        if (s.trusted().size() > 1) {
            candidates.add(s.servingIssuedAt().plus(policy.overlap()));
        }
        return candidates.stream().min(Instant::compareTo).orElseThrow();
    }

    private static Instant renewAt(CertificateInfo info, Duration validity, RotationPolicy policy) {
        return info.notAfter().minus(Duration.ofMillis((long) Math.ceil(nominal(info, validity).toMillis() * policy.renewRemaining())));
    }

    /**
     * Due when less than the policy's fraction of the nominal lifetime is left. Nominal: the configured validity (the
     * few minutes of back-dating are not lifetime), or the actual one when shorter (clamped to the CA).
     */
    private static boolean due(CertificateInfo info, Duration validity, RotationPolicy policy, Instant now) {
        return now.isAfter(renewAt(info, validity, policy));
    }

    private static Duration nominal(CertificateInfo info, Duration validity) {
        return info.lifetime().compareTo(validity) < 0 ? info.lifetime() : validity;
    }

    private static Optional<String> servingProblem(CertificateState s, RotationPolicy policy, Instant now) {
        X509Certificate cert = s.serving().certificate();
        CertificateInfo info = CertificateInfo.of(cert);
        if (due(info, policy.servingValidity(), policy, now)) {
            return Optional.of("serving certificate expires " + info.notAfter());
        }
        if (!cert.getIssuerX500Principal().equals(s.signer().certificate().getSubjectX500Principal())
                || !verifies(cert, s.signer().certificate())) {
            return Optional.of("serving certificate is not signed by the current CA");
        }
        Set<String> want = new HashSet<>(policy.dnsNames());
        for (String ip : policy.ipAddresses()) {
            want.add(normaliseIp(ip));
        }
        Set<String> have = new HashSet<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    Object v = san.get(1);
                    have.add(((Integer) san.get(0)) == 7 ? normaliseIp(v.toString()) : v.toString());
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return Optional.of("serving certificate names are unreadable");
        }
        if (!have.equals(want)) {
            return Optional.of("serving certificate names " + have + " differ from " + want);
        }
        return Optional.empty();
    }

    private static boolean verifies(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String normaliseIp(String ip) {
        try {
            return java.net.InetAddress.getByName(ip).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }

    private static IssuedCertificate newServing(IssuedCertificate ca, RotationPolicy policy, Instant now) {
        return CertificateFactory.newServing(ca, policy.dnsNames(), policy.ipAddresses(), policy.servingValidity(), now);
    }

    /** Distinct subjects per CA generation so the issuer check above never confuses two CAs. */
    private static String caName(Instant now) {
        return "meshhook-ca-" + now.getEpochSecond() + "-" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16));
    }
}
