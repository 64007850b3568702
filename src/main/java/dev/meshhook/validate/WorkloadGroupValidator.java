package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.UINT32;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.mapOf;
import static dev.meshhook.validate.ProtoType.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * WorkloadGroup (networking.istio.io), validation-spec §2.2.8. The template itself is not validated; gRPC probes
 * are rejected as Istio does (bug-compatibility §5.12).
 */
public final class WorkloadGroupValidator implements KindValidator {
    private static final String P = "istio.networking.v1alpha3.";

    static final ProtoType SPEC = message(P + "WorkloadGroup")
        .field("metadata", message(P + "WorkloadGroup.ObjectMeta")
            .field("labels", mapOf(STRING)).field("annotations", mapOf(STRING)))
        .field("template", NetworkingTypes.WORKLOAD_ENTRY)
        .field("probe", message(P + "ReadinessProbe")
            .fields(INT32, "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")
            .field("httpGet", message(P + "HTTPHealthCheckConfig")
                .fields(STRING, "path", "host", "scheme").field("port", UINT32)
                .field("httpHeaders", listOf(message(P + "HTTPHeader").fields(STRING, "name", "value"))))
            .field("tcpSocket", message(P + "TCPHealthCheckConfig").field("host", STRING).field("port", UINT32))
            .field("exec", message(P + "ExecHealthCheckConfig").field("command", listOf(STRING)))
            .field("grpc", message(P + "GrpcHealthCheckConfig").field("port", UINT32).field("service", STRING)));

    @Override
    public String group() {
        return "networking.istio.io";
    }

    @Override
    public String kind() {
        return "WorkloadGroup";
    }

    @Override
    public ProtoType specType() {
        return SPEC;
    }

    @Override
    public void validate(Resource resource, Findings findings) {
        JsonNode spec = resource.spec();
        if (!Json.has(spec, "template")) {
            findings.error("template is required");
            return;
        }
        JsonNode metadata = Json.get(spec, "metadata");
        if (metadata != null) {
            List<String> labelErrors = Labels.validateLabelMap(Json.get(metadata, "labels"));
            if (!labelErrors.isEmpty()) {
                findings.error("invalid labels: " + Findings.formatList(labelErrors));
                return;
            }
        }
        JsonNode probe = Json.get(spec, "probe");
        if (probe != null) {
            validateProbe(probe, findings);
        }
    }

    private static void validateProbe(JsonNode probe, Findings findings) {
        String[][] counters = {
            {"periodSeconds", "periodSeconds must be non-negative"},
            {"initialDelaySeconds", "initialDelaySeconds must be non-negative"},
            {"timeoutSeconds", "timeoutSeconds must be non-negative"},
            {"successThreshold", "successThreshold must be non-negative"},
            {"failureThreshold", "failureThreshold must be non-negative"}};
        for (String[] c : counters) {
            if (Json.lng(probe, c[0]) < 0) {
                findings.error(c[1]);
            }
        }
        JsonNode httpGet = Json.get(probe, "httpGet");
        JsonNode tcpSocket = Json.get(probe, "tcpSocket");
        JsonNode exec = Json.get(probe, "exec");
        if (httpGet != null) {
            Numbers.port(Json.lng(httpGet, "port")).ifPresent(findings::error);
            String scheme = Json.str(httpGet, "scheme");
            if (!scheme.isEmpty() && !scheme.equals("HTTPS") && !scheme.equals("HTTP")) {
                findings.error("httpGet.scheme must be one of \"HTTPS\", \"HTTP\"");
            }
            for (JsonNode header : Json.list(httpGet, "httpHeaders")) {
                String e = Headers.probeHeaderName(Json.str(header, "name"));
                if (e != null) {
                    findings.error(e);
                }
            }
        } else if (tcpSocket != null) {
            Numbers.port(Json.lng(tcpSocket, "port")).ifPresent(findings::error);
        } else if (exec != null) {
            if (Json.size(exec, "command") == 0) {
                findings.error("exec.command is required");
            }
        } else if (Json.has(probe, "grpc")) {
            findings.error("unknown health check method *v1alpha3.ReadinessProbe_Grpc");
        } else {
            findings.error("unknown health check method <nil>");
        }
    }
}
