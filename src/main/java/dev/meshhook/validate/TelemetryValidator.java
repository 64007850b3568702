package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.BOOL;
import static dev.meshhook.validate.ProtoType.DOUBLE;
import static dev.meshhook.validate.ProtoType.DURATION;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.mapOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelValidationResult;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Telemetry (telemetry.istio.io), validation-spec §2.2.12. Access-log filter expressions are parsed as CEL
 * (parse only, no type-checking), as istiod does with cel-go's {@code Env.Parse}.
 */
public final class TelemetryValidator implements KindValidator {
    private static final String P = "istio.telemetry.v1alpha1.";
    private static final ProtoType PROVIDERS = listOf(message(P + "ProviderRef").field("name", STRING));
    private static final ProtoType WORKLOAD_MODE = enumOf(P + "WorkloadMode", "CLIENT_AND_SERVER", "CLIENT", "SERVER");
    private static final ProtoType METRIC = enumOf(P + "MetricSelector.IstioMetric", "ALL_METRICS", "REQUEST_COUNT",
        "REQUEST_DURATION", "REQUEST_SIZE", "RESPONSE_SIZE", "TCP_OPENED_CONNECTIONS", "TCP_CLOSED_CONNECTIONS",
        "TCP_SENT_BYTES", "TCP_RECEIVED_BYTES", "GRPC_REQUEST_MESSAGES", "GRPC_RESPONSE_MESSAGES");
    private static final ProtoType CUSTOM_TAG = message(P + "Tracing.CustomTag")
        .field("literal", message(P + "Tracing.Literal").field("value", STRING))
        .field("environment", message(P + "Tracing.Environment").fields(STRING, "name", "defaultValue"))
        .field("header", message(P + "Tracing.RequestHeader").fields(STRING, "name", "defaultValue"))
        .field("formatter", message(P + "Tracing.Formatter").field("value", STRING));

    static final ProtoType SPEC = PolicyTargets.withTargets(message(P + "Telemetry"), true)
        .field("tracing", listOf(message(P + "Tracing")
            .field("match", message(P + "Tracing.TracingSelector").field("mode", WORKLOAD_MODE))
            .field("providers", PROVIDERS)
            .field("randomSamplingPercentage", DOUBLE)
            .field("disableSpanReporting", BOOL)
            .field("customTags", mapOf(CUSTOM_TAG))
            .field("useRequestIdForTraceSampling", BOOL)))
        .field("metrics", listOf(message(P + "Metrics")
            .field("providers", PROVIDERS)
            .field("overrides", listOf(message(P + "MetricsOverrides")
                .field("match", message(P + "MetricSelector")
                    .field("metric", METRIC).field("customMetric", STRING).field("mode", WORKLOAD_MODE))
                .field("disabled", BOOL)
                .field("tagOverrides", mapOf(message(P + "MetricsOverrides.TagOverride")
                    .field("operation", enumOf(P + "MetricsOverrides.TagOverride.Operation", "UPSERT", "REMOVE"))
                    .field("value", STRING)))))
            .field("reportingInterval", DURATION)))
        .field("accessLogging", listOf(message(P + "AccessLogging")
            .field("match", message(P + "AccessLogging.LogSelector").field("mode", WORKLOAD_MODE))
            .field("providers", PROVIDERS)
            .field("disabled", BOOL)
            .field("filter", message(P + "AccessLogging.Filter").field("expression", STRING))));

    private static final CelParser CEL = CelParserFactory.standardCelParserBuilder().build();

    @Override
    public String group() {
        return "telemetry.istio.io";
    }

    @Override
    public String kind() {
        return "Telemetry";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        PolicyTargets.check(spec, findings);
        validateMetrics(Json.list(spec, "metrics"), findings);
        validateTracing(Json.list(spec, "tracing"), findings);
        for (JsonNode logging : Json.list(spec, "accessLogging")) {
            JsonNode filter = Json.get(logging, "filter");
            if (filter != null) {
                String e = celParseError(Json.str(filter, "expression"));
                if (e != null) {
                    findings.error("must be a valid CEL expression, " + e);
                }
            }
            providersError(Json.list(logging, "providers"), findings);
        }
    }

    private static void validateMetrics(List<JsonNode> metrics, Findings findings) {
        for (JsonNode m : metrics) {
            providersError(Json.list(m, "providers"), findings);
            for (JsonNode o : Json.list(m, "overrides")) {
                JsonNode tagOverrides = Json.get(o, "tagOverrides");
                if (tagOverrides != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = tagOverrides.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> t = it.next();
                        if (t.getKey().isEmpty()) {
                            findings.warn("tagOverrides.name may not be empty");
                        }
                        String op = Json.enumName(t.getValue(), "operation", "UPSERT");
                        String value = Json.str(t.getValue(), "value");
                        if (op.equals("UPSERT") && value.isEmpty()) {
                            findings.error("tagOverrides.value must be set when operation is UPSERT");
                        } else if (op.equals("REMOVE") && !value.isEmpty()) {
                            findings.error("tagOverrides.value may only be set when operation is UPSERT");
                        }
                    }
                }
                JsonNode match = Json.get(o, "match");
                if (match != null && Json.has(match, "customMetric") && Json.str(match, "customMetric").isEmpty()) {
                    findings.error("customMetric may not be empty");
                }
            }
        }
    }

    private static void validateTracing(List<JsonNode> tracing, Findings findings) {
        if (tracing.size() > 1) {
            findings.warn("multiple tracing is not currently supported");
        }
        for (JsonNode t : tracing) {
            List<JsonNode> providers = Json.list(t, "providers");
            if (providers.size() > 1) {
                findings.warn("multiple providers is not currently supported");
            }
            providersError(providers, findings);
            double sampling = Json.dbl(t, "randomSamplingPercentage");
            if (sampling < 0 || sampling > 100 || Double.isNaN(sampling)) {
                findings.error("randomSamplingPercentage must be in range [0.0, 100.0]");
            }
            JsonNode tags = Json.get(t, "customTags");
            if (tags == null) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = it.next();
                if (tag.getKey().isEmpty()) {
                    findings.error("tag name may not be empty");
                }
                JsonNode v = tag.getValue();
                if (Json.has(v, "literal")) {
                    if (Json.str(Json.get(v, "literal"), "value").isEmpty()) {
                        findings.error("literal tag value may not be empty");
                    }
                } else if (Json.has(v, "header")) {
                    if (Json.str(Json.get(v, "header"), "name").isEmpty()) {
                        findings.error("header tag name may not be empty");
                    }
                } else if (Json.has(v, "environment")) {
                    if (Json.str(Json.get(v, "environment"), "name").isEmpty()) {
                        findings.error("environment tag name may not be empty");
                    }
                }
            }
        }
    }

    /** {@code validateTelemetryProviders}: the first provider with an empty name fails the list. */
    private static void providersError(List<JsonNode> providers, Findings findings) {
        for (JsonNode p : providers) {
            if (Json.str(p, "name").isEmpty()) {
                findings.error("providers.name may not be empty");
                return;
            }
        }
    }

    /** ANTLR syntax-error lines, which cel-go labels {@code Syntax error: } and cel-java does not. */
    private static final java.util.regex.Pattern SYNTAX_ERROR = java.util.regex.Pattern.compile(
        "(?m)^(ERROR: <input>:\\d+:\\d+: )(?=mismatched input|extraneous input|missing |no viable alternative|token recognition error)");

    /** The CEL parser's error text for {@code expression} in cel-go's layout, or null when it parses. */
    static String celParseError(String expression) {
        CelValidationResult r = CEL.parse(expression);
        if (!r.hasError()) {
            return null;
        }
        return SYNTAX_ERROR.matcher(r.getErrorString()).replaceAll("$1Syntax error: ");
    }
}
