package dev.meshhook.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhooks' metrics under Istio's Prometheus names (inject-spec i.1, validation-spec 1.10).
 *
 * <p>Micrometer's Prometheus convention appends {@code _total} to counters; the injector counters carry it in
 * Istio too, so they are registered without it. Istio exports the {@code galley_*} counters without the suffix,
 * which the Prometheus client library refuses for counter-typed samples (it renames them to {@code *_total}). To
 * keep Istio's names exactly, they are exported as monotonically increasing gauges. The injection histogram keeps
 * Istio's buckets and adds millisecond ones, because a webhook answer takes milliseconds, which Istio's
 * smallest bucket (0.1 s) cannot tell apart.
 */
public final class WebhookMetrics {

    public static final String INJECTION_REQUESTS = "sidecar_injection_requests";
    public static final String INJECTION_SUCCESS = "sidecar_injection_success";
    public static final String INJECTION_SKIP = "sidecar_injection_skip";
    public static final String INJECTION_FAILURE = "sidecar_injection_failure";
    public static final String INJECTION_TIME = "sidecar_injection_time";
    /** Ours, not Istio's: injections answered with the outcome of an identical earlier request. */
    public static final String INJECTION_REUSED = "meshhook_injection_reused";
    public static final String VALIDATION_PASSED = "galley_validation_passed";
    public static final String VALIDATION_FAILED = "galley_validation_failed";
    public static final String VALIDATION_HTTP_ERROR = "galley_validation_http_error";

    private static final Duration[] TIME_BUCKETS = {
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Counter requests;
    private final Counter success;
    private final Counter skip;
    private final Counter failure;
    private final Timer time;
    private final Counter reused;
    private final Map<SeriesKey, LongAdder> series = new ConcurrentHashMap<>();
    /**
     * The {@code galley_validation_*} series by their raw label values: one lookup per request instead of building
     * and sorting {@link Tags} each time. Holds the same adders as {@link #series} (never more series).
     */
    private final Map<LabelValues, LongAdder> byLabels = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.requests = Counter.builder(INJECTION_REQUESTS).description("Total number of injection requests.")
                .register(registry);
        this.success = Counter.builder(INJECTION_SUCCESS).description("Total number of successful injection requests.")
                .register(registry);
        this.skip = Counter.builder(INJECTION_SKIP).description("Total number of skipped injection requests.")
                .register(registry);
        this.failure = Counter.builder(INJECTION_FAILURE).description("Total number of failed injection requests.")
                .register(registry);
        this.time = Timer.builder(INJECTION_TIME).description("Total time taken for injection in seconds.")
                .serviceLevelObjectives(TIME_BUCKETS)
                .register(registry);
        this.reused = Counter.builder(INJECTION_REUSED)
                .description("Injections answered with the outcome of an identical earlier request.")
                .register(registry);
    }

    public void injectionRequest() {
        requests.increment();
    }

    public void injectionSuccess() {
        success.increment();
    }

    public void injectionSkip() {
        skip.increment();
    }

    public void injectionReused() {
        reused.increment();
    }

    public void injectionFailure() {
        failure.increment();
    }

    public void injectionTime(long nanos) {
        time.record(Duration.ofNanos(nanos));
    }

    public void validationPassed(String group, String version, String resource) {
        LongAdder adder = byLabels.get(new LabelValues(VALIDATION_PASSED, group, version, resource, null));
        if (adder == null) {
            adder = monotonic(VALIDATION_PASSED, "Resource is valid.",
                    Tags.of("group", group, "version", version, "resource", resource));
            byLabels.putIfAbsent(new LabelValues(VALIDATION_PASSED, group, version, resource, null), adder);
        }
        adder.increment();
    }

    public void validationFailed(String group, String version, String resource, String reason) {
        LongAdder adder = byLabels.get(new LabelValues(VALIDATION_FAILED, group, version, resource, reason));
        if (adder == null) {
            adder = monotonic(VALIDATION_FAILED, "Resource validation failed.",
                    Tags.of("group", group, "version", version, "resource", resource, "reason", reason));
            byLabels.putIfAbsent(new LabelValues(VALIDATION_FAILED, group, version, resource, reason), adder);
        }
        adder.increment();
    }

    public void validationHttpError(int status) {
        monotonic(VALIDATION_HTTP_ERROR, "Resource validation http serve errors.",
                Tags.of("status", Integer.toString(status))).increment();
    }

    /** Current value of one {@code galley_*} series (0 when never incremented). */
    public long validationCount(String name, Tags tags) {
        LongAdder adder = series.get(new SeriesKey(name, tags));
        return adder == null ? 0 : adder.sum();
    }

    private LongAdder monotonic(String name, String description, Tags tags) {
        return series.computeIfAbsent(new SeriesKey(name, tags), key -> {
            LongAdder adder = new LongAdder();
            Gauge.builder(name, adder, LongAdder::sum).description(description).tags(tags).strongReference(true)
                    .register(registry);
            return adder;
        });
    }

    private record SeriesKey(String name, Tags tags) {}

    /** A validation series' name and label values ({@code reason} null for the passed counter). */
    private record LabelValues(String name, String group, String version, String resource, String reason) {}
}
