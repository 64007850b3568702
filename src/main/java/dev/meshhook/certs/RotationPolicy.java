package dev.meshhook.certs;

import java.time.Duration;
import java.util.List;

/**
 * Lifetimes and timing of the webhook certificates (the reasons for the defaults are in docs/operations.md).
 *
 * @param caValidity         lifetime of a new CA
 * @param servingValidity    lifetime of a new serving certificate (clamped to its CA's)
 * @param renewRemaining     renew when less than this fraction of the lifetime is left (1/3 = at 2/3 of the lifetime)
 * @param overlap            how long a new CA sits in the trust bundle before it signs the serving certificate, and
 *                           how long the old CA stays after the switch (API servers and replicas catch up meanwhile)
 * @param dnsNames           DNS SANs of the serving certificate
 * @param ipAddresses        IP SANs of the serving certificate
 */
public record RotationPolicy(Duration caValidity, Duration servingValidity, double renewRemaining, Duration overlap,
                             List<String> dnsNames, List<String> ipAddresses) {

    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(365);
    public static final Duration DEFAULT_SERVING_VALIDITY = Duration.ofDays(30);
    public static final double DEFAULT_RENEW_REMAINING = 1.0 / 3;
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);

    public RotationPolicy {
        if (caValidity.compareTo(servingValidity) < 0) {
            throw new CertificateException("CA validity " + caValidity + " is shorter than serving validity " + servingValidity);
        }
        if (!(renewRemaining > 0 && renewRemaining < 1)) {
            throw new CertificateException("renewal fraction must be between 0 and 1, got " + renewRemaining);
        }
        if (overlap.isNegative()) {
            throw new CertificateException("overlap must not be negative, got " + overlap);
        }
        if (overlap.compareTo(caValidity.multipliedBy((long) (renewRemaining * 1000)).dividedBy(2000)) > 0) {
            throw new CertificateException("overlap " + overlap + " does not fit twice into the CA renewal window");
        }
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }
}
