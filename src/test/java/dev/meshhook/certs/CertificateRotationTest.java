package dev.meshhook.certs;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateRotationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RotationPolicy POLICY = new RotationPolicy(Duration.ofDays(90), Duration.ofDays(10), 1.0 / 3,
            Duration.ofHours(6), List.of("meshhook.mesh.svc", "localhost"), List.of("127.0.0.1"));

    /**
     * Walks two CA lifetimes in 3-hour steps with a webhook that picks up the bundle one step late, and checks at
     * every step what the API server experiences: the certificate the replicas serve is valid and chains to a CA
     * that the API server already trusted before the replicas switched to it.
     */
    @Test
    void servedCertificateAlwaysChainsToABundleTheApiServerAlreadyHas() {
        Optional<CertificateState> state = Optional.empty();
        List<X509Certificate> apiServerBundle = List.of();
        List<X509Certificate> pendingBundle = List.of();
        Map<CertificateRotation.Step, Integer> steps = new EnumMap<>(CertificateRotation.Step.class);
        IssuedCertificate lastServed = null;
        for (Instant now = T0; now.isBefore(T0.plus(Duration.ofDays(200))); now = now.plus(Duration.ofHours(3))) {
            // the API server sees what the leader patched at the previous step
            apiServerBundle = pendingBundle;
            boolean published = state.isPresent() && apiServerBundle.equals(state.get().trusted());
            Optional<CertificateRotation.Result> r = CertificateRotation.plan(state, POLICY, now, published);
            if (r.isPresent()) {
                steps.merge(r.get().step(), 1, Integer::sum);
                state = Optional.of(r.get().state());
            }
            CertificateState s = state.orElseThrow();
            pendingBundle = s.trusted();
            IssuedCertificate served = s.serving();
            assertTrue(CertificateInfo.of(served.certificate()).isValidAt(now), "serving cert valid at " + now);
            assertTrue(s.trusted().contains(s.signer().certificate()), "signer in bundle at " + now);
            if (lastServed != null && !served.equals(lastServed) && !apiServerBundle.isEmpty()) {
                X509Certificate issuer = s.signer().certificate();
                assertTrue(apiServerBundle.contains(issuer), "new serving cert's CA already trusted by the API server at " + now);
            }
            lastServed = served;
        }
        assertEquals(1, steps.get(CertificateRotation.Step.CREATED));
        assertTrue(steps.getOrDefault(CertificateRotation.Step.CA_ADDED, 0) >= 2, steps.toString());
        assertTrue(steps.getOrDefault(CertificateRotation.Step.CA_SWITCHED, 0) >= 2, steps.toString());
        assertTrue(steps.getOrDefault(CertificateRotation.Step.CA_REMOVED, 0) >= 2, steps.toString());
        assertTrue(steps.getOrDefault(CertificateRotation.Step.SERVING_RENEWED, 0) >= 10, steps.toString());
        assertFalse(steps.containsKey(CertificateRotation.Step.REPAIRED), steps.toString());
    }

    @Test
    void idempotentWhenNothingIsDue() {
        CertificateState s = CertificateRotation.plan(Optional.empty(), POLICY, T0, false).orElseThrow().state();
        assertTrue(CertificateRotation.plan(Optional.of(s), POLICY, T0.plus(Duration.ofDays(1)), true).isEmpty());
        assertTrue(CertificateRotation.nextCheck(s, POLICY).isAfter(T0.plus(Duration.ofDays(6))));
    }

    @Test
    void caSwitchWaitsForPublicationAndOverlap() {
        CertificateState s = CertificateRotation.plan(Optional.empty(), POLICY, T0, false).orElseThrow().state();
        Instant due = T0.plus(Duration.ofDays(61));
        CertificateRotation.Result added = CertificateRotation.plan(Optional.of(s), POLICY, due, true).orElseThrow();
        assertEquals(CertificateRotation.Step.CA_ADDED, added.step());
        assertEquals(2, added.state().trusted().size());
        CertificateState added2 = added.state();
        // not published yet: the (expired) serving certificate is renewed, but by the old CA
        CertificateRotation.Result renewed = CertificateRotation.plan(Optional.of(added2), POLICY,
                due.plus(Duration.ofHours(1)), false).orElseThrow();
        assertEquals(CertificateRotation.Step.SERVING_RENEWED, renewed.step());
        assertEquals(added2.signer(), renewed.state().signer());
        CertificateState withNext = renewed.state();
        // published but inside the overlap: no switch
        assertTrue(CertificateRotation.plan(Optional.of(withNext), POLICY, due.plus(Duration.ofHours(2)), true).isEmpty());
        CertificateRotation.Result switched = CertificateRotation.plan(Optional.of(withNext), POLICY,
                due.plus(Duration.ofHours(7)), true).orElseThrow();
        assertEquals(CertificateRotation.Step.CA_SWITCHED, switched.step());
        assertEquals(withNext.next().orElseThrow(), switched.state().signer());
        assertEquals(2, switched.state().trusted().size(), "old CA stays during the overlap");
        assertTrue(CertificateRotation.plan(Optional.of(switched.state()), POLICY, due.plus(Duration.ofHours(8)), true).isEmpty());
        CertificateRotation.Result removed = CertificateRotation.plan(Optional.of(switched.state()), POLICY,
                due.plus(Duration.ofHours(14)), true).orElseThrow();
        assertEquals(CertificateRotation.Step.CA_REMOVED, removed.step());
        assertEquals(List.of(switched.state().signer().certificate()), removed.state().trusted());
    }

    @Test
    void changedNamesReissueTheServingCertificate() {
        CertificateState s = CertificateRotation.plan(Optional.empty(), POLICY, T0, false).orElseThrow().state();
        RotationPolicy renamed = new RotationPolicy(POLICY.caValidity(), POLICY.servingValidity(), POLICY.renewRemaining(),
                POLICY.overlap(), List.of("other.mesh.svc"), List.of());
        CertificateRotation.Result r = CertificateRotation.plan(Optional.of(s), renamed, T0.plus(Duration.ofMinutes(1)), true)
                .orElseThrow();
        assertEquals(CertificateRotation.Step.SERVING_RENEWED, r.step());
        assertTrue(r.reason().contains("differ"), r.reason());
    }

    @Test
    void secretRoundTripAndBrokenSecretsNameTheKey() {
        CertificateState s = CertificateRotation.plan(Optional.empty(), POLICY, T0, false).orElseThrow().state();
        CertificateState back = CertificateState.fromSecret(s.toSecretData(), s.toSecretAnnotations());
        assertEquals(s.trusted(), back.trusted());
        assertEquals(s.serving().certificate(), back.serving().certificate());
        assertEquals(s.bundleChangedAt(), back.bundleChangedAt());
        var data = new java.util.HashMap<>(s.toSecretData());
        data.remove(CertificateState.KEY_SIGNER_KEY);
        CertificateException e = org.junit.jupiter.api.Assertions.assertThrows(CertificateException.class,
                () -> CertificateState.fromSecret(data, Map.of()));
        assertTrue(e.getMessage().contains("ca-signer.key"), e.getMessage());
        var bad = new java.util.HashMap<>(s.toSecretData());
        bad.put(CertificateState.KEY_BUNDLE, "@@@");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(CertificateException.class,
                () -> CertificateState.fromSecret(bad, Map.of())).getMessage().contains("ca.crt"));
        new ArrayList<>(s.trusted());
    }
}
