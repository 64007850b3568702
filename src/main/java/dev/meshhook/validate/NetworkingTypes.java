package dev.meshhook.validate;

import static dev.meshhook.validate.ProtoType.BOOL;
import static dev.meshhook.validate.ProtoType.BYTES;
import static dev.meshhook.validate.ProtoType.DOUBLE;
import static dev.meshhook.validate.ProtoType.DURATION;
import static dev.meshhook.validate.ProtoType.INT32;
import static dev.meshhook.validate.ProtoType.STRING;
import static dev.meshhook.validate.ProtoType.UINT32;
import static dev.meshhook.validate.ProtoType.UINT64;
import static dev.meshhook.validate.ProtoType.VALUE;
import static dev.meshhook.validate.ProtoType.enumOf;
import static dev.meshhook.validate.ProtoType.listOf;
import static dev.meshhook.validate.ProtoType.mapOf;
import static dev.meshhook.validate.ProtoType.message;

/**
 * Proto types of {@code networking.istio.io} (istio.networking.v1alpha3), for spec decoding. Shared
 * messages are public so that other networking kinds (WorkloadEntry, ...) reuse them.
 */
public final class NetworkingTypes {
    private NetworkingTypes() {}

    private static final String P = "istio.networking.v1alpha3.";
    private static final ProtoType STRINGS = listOf(STRING);
    private static final ProtoType STRING_MAP = mapOf(STRING);

    // ---- shared -------------------------------------------------------------------------------
    public static final ProtoType PORT_SELECTOR = message(P + "PortSelector").field("number", UINT32);
    public static final ProtoType DESTINATION = message(P + "Destination")
            .field("host", STRING).field("subset", STRING).field("port", PORT_SELECTOR);
    public static final ProtoType STRING_MATCH = message(P + "StringMatch").fields(STRING, "exact", "prefix", "regex");
    public static final ProtoType PERCENT = message(P + "Percent").field("value", DOUBLE);
    /** Alpha-style selector ({@code workloadSelector.labels}): Sidecar, EnvoyFilter, ServiceEntry. */
    public static final ProtoType WORKLOAD_SELECTOR = message(P + "WorkloadSelector").field("labels", STRING_MAP);
    /** v1beta1 selector ({@code matchLabels}), as DestinationRule uses it. */
    public static final ProtoType TYPE_WORKLOAD_SELECTOR = message("istio.type.v1beta1.WorkloadSelector")
            .field("matchLabels", STRING_MAP);

    // ---- TLS ----------------------------------------------------------------------------------
    public static final ProtoType SERVER_TLS_MODE = enumOf(P + "ServerTLSSettings.TLSmode",
            "PASSTHROUGH", "SIMPLE", "MUTUAL", "AUTO_PASSTHROUGH", "ISTIO_MUTUAL", "OPTIONAL_MUTUAL");
    public static final ProtoType TLS_PROTOCOL = enumOf(P + "ServerTLSSettings.TLSProtocol",
            "TLS_AUTO", "TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3");
    public static final ProtoType TLS_CERTIFICATE = message(P + "ServerTLSSettings.TLSCertificate")
            .fields(STRING, "serverCertificate", "privateKey", "caCertificates");
    public static final ProtoType SERVER_TLS = message(P + "ServerTLSSettings")
            .field("httpsRedirect", BOOL).field("mode", SERVER_TLS_MODE)
            .fields(STRING, "serverCertificate", "privateKey", "caCertificates", "caCrl", "credentialName")
            .field("credentialNames", STRINGS).field("tlsCertificates", listOf(TLS_CERTIFICATE))
            .fields(STRINGS, "subjectAltNames", "verifyCertificateSpki", "verifyCertificateHash", "cipherSuites")
            .field("minProtocolVersion", TLS_PROTOCOL).field("maxProtocolVersion", TLS_PROTOCOL);
    public static final ProtoType CLIENT_TLS = message(P + "ClientTLSSettings")
            .field("mode", enumOf(P + "ClientTLSSettings.TLSmode", "DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"))
            .fields(STRING, "clientCertificate", "privateKey", "caCertificates", "credentialName", "sni", "caCrl")
            .field("subjectAltNames", STRINGS).field("insecureSkipVerify", BOOL);

    // ---- traffic policy -----------------------------------------------------------------------
    public static final ProtoType CONNECTION_POOL = message(P + "ConnectionPoolSettings")
            .field("tcp", message(P + "ConnectionPoolSettings.TCPSettings")
                    .field("maxConnections", INT32).field("connectTimeout", DURATION)
                    .field("tcpKeepalive", message(P + "ConnectionPoolSettings.TCPSettings.TcpKeepalive")
                            .field("probes", UINT32).field("time", DURATION).field("interval", DURATION))
                    .field("maxConnectionDuration", DURATION).field("idleTimeout", DURATION))
            .field("http", message(P + "ConnectionPoolSettings.HTTPSettings")
                    .fields(INT32, "http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries",
                            "maxConcurrentStreams")
                    .field("idleTimeout", DURATION)
                    .field("h2UpgradePolicy", enumOf(P + "ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy",
                            "DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"))
                    .field("useClientProtocol", BOOL)
                    .field("http2KeepAlive", message(P + "ConnectionPoolSettings.HTTPSettings.Http2KeepAlive")
                            .field("interval", DURATION).field("timeout", DURATION)));
    public static final ProtoType OUTLIER_DETECTION = message(P + "OutlierDetection")
            .field("splitExternalLocalOriginErrors", BOOL)
            .fields(UINT32, "consecutiveLocalOriginFailures", "consecutiveGatewayErrors", "consecutive5xxErrors")
            .field("interval", DURATION).field("baseEjectionTime", DURATION)
            .fields(INT32, "maxEjectionPercent", "minHealthPercent", "consecutiveErrors");
    private static final ProtoType FAILOVER = message(P + "LocalityLoadBalancerSetting.Failover").fields(STRING, "from", "to");
    public static final ProtoType LOAD_BALANCER = message(P + "LoadBalancerSettings")
            .field("simple", enumOf(P + "LoadBalancerSettings.SimpleLB",
                    "UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST"))
            .field("consistentHash", message(P + "LoadBalancerSettings.ConsistentHashLB")
                    .fields(STRING, "httpHeaderName", "httpQueryParameterName")
                    .field("httpCookie", message(P + "LoadBalancerSettings.ConsistentHashLB.HTTPCookie")
                            .fields(STRING, "name", "path").field("ttl", DURATION)
                            .field("attributes", listOf(message(P + "LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute")
                                    .fields(STRING, "name", "value"))))
                    .field("useSourceIp", BOOL)
                    .field("ringHash", message(P + "LoadBalancerSettings.ConsistentHashLB.RingHash").field("minimumRingSize", UINT64))
                    .field("maglev", message(P + "LoadBalancerSettings.ConsistentHashLB.MagLev").field("tableSize", UINT64))
                    .field("minimumRingSize", UINT64))
            .field("localityLbSetting", message(P + "LocalityLoadBalancerSetting")
                    .field("distribute", listOf(message(P + "LocalityLoadBalancerSetting.Distribute")
                            .field("from", STRING).field("to", mapOf(UINT32))))
                    .field("failover", listOf(FAILOVER))
                    .field("failoverPriority", STRINGS).field("enabled", BOOL))
            .field("zoneAwareLbSetting", message(P + "ZoneAwareLoadBalancerSetting")
                    .field("failover", listOf(FAILOVER)).field("failoverPriority", STRINGS)
                    .field("minClusterSize", VALUE).field("enabled", BOOL))
            .field("warmupDurationSecs", DURATION)
            .field("warmup", message(P + "WarmupConfiguration")
                    .field("duration", DURATION).field("minimumPercent", DOUBLE).field("aggression", DOUBLE))
            .field("backendUtilization", VALUE);
    public static final ProtoType PORT_TRAFFIC_POLICY = message(P + "TrafficPolicy.PortTrafficPolicy")
            .field("port", PORT_SELECTOR).field("loadBalancer", LOAD_BALANCER).field("connectionPool", CONNECTION_POOL)
            .field("outlierDetection", OUTLIER_DETECTION).field("tls", CLIENT_TLS);
    public static final ProtoType TRAFFIC_POLICY = message(P + "TrafficPolicy")
            .field("loadBalancer", LOAD_BALANCER).field("connectionPool", CONNECTION_POOL)
            .field("outlierDetection", OUTLIER_DETECTION).field("tls", CLIENT_TLS)
            .field("portLevelSettings", listOf(PORT_TRAFFIC_POLICY))
            .field("tunnel", message(P + "TrafficPolicy.TunnelSettings")
                    .fields(STRING, "protocol", "targetHost").field("targetPort", UINT32))
            .field("proxyProtocol", message(P + "TrafficPolicy.ProxyProtocol")
                    .field("version", enumOf(P + "TrafficPolicy.ProxyProtocol.VERSION", "V1", "V2")))
            .field("retryBudget", message(P + "TrafficPolicy.RetryBudget")
                    .field("percent", DOUBLE).field("minRetryConcurrency", UINT32));

    // ---- DestinationRule ----------------------------------------------------------------------
    public static final ProtoType DESTINATION_RULE = message(P + "DestinationRule")
            .field("host", STRING).field("trafficPolicy", TRAFFIC_POLICY)
            .field("subsets", listOf(message(P + "Subset")
                    .field("name", STRING).field("labels", STRING_MAP).field("trafficPolicy", TRAFFIC_POLICY)))
            .field("exportTo", STRINGS).field("workloadSelector", TYPE_WORKLOAD_SELECTOR);

    // ---- VirtualService -----------------------------------------------------------------------
    public static final ProtoType HEADER_OPERATIONS = message(P + "Headers.HeaderOperations")
            .field("set", STRING_MAP).field("add", STRING_MAP).field("remove", STRINGS);
    public static final ProtoType HEADERS = message(P + "Headers")
            .field("request", HEADER_OPERATIONS).field("response", HEADER_OPERATIONS);
    private static final ProtoType MATCH_MAP = mapOf(STRING_MATCH);
    public static final ProtoType HTTP_MATCH = message(P + "HTTPMatchRequest")
            .field("name", STRING).fields(STRING_MATCH, "uri", "scheme", "method", "authority")
            .field("headers", MATCH_MAP).field("port", UINT32).field("sourceLabels", STRING_MAP)
            .field("gateways", STRINGS).field("queryParams", MATCH_MAP).field("ignoreUriCase", BOOL)
            .field("withoutHeaders", MATCH_MAP).fields(STRING, "sourceNamespace", "statPrefix");
    public static final ProtoType HTTP_ROUTE_DESTINATION = message(P + "HTTPRouteDestination")
            .field("destination", DESTINATION).field("weight", INT32).field("headers", HEADERS);
    public static final ProtoType ROUTE_DESTINATION = message(P + "RouteDestination")
            .field("destination", DESTINATION).field("weight", INT32);
    public static final ProtoType HTTP_ROUTE = message(P + "HTTPRoute")
            .field("name", STRING).field("match", listOf(HTTP_MATCH)).field("route", listOf(HTTP_ROUTE_DESTINATION))
            .field("redirect", message(P + "HTTPRedirect")
                    .fields(STRING, "uri", "authority", "scheme", "prefixRewrite").field("port", UINT32)
                    .field("derivePort", enumOf(P + "HTTPRedirect.RedirectPortSelection", "FROM_PROTOCOL_DEFAULT", "FROM_REQUEST_PORT"))
                    .field("redirectCode", UINT32))
            .field("directResponse", message(P + "HTTPDirectResponse")
                    .field("status", UINT32)
                    .field("body", message(P + "HTTPBody").field("string", STRING).field("bytes", BYTES)))
            .field("delegate", message(P + "Delegate").fields(STRING, "name", "namespace"))
            .field("rewrite", message(P + "HTTPRewrite")
                    .fields(STRING, "uri", "authority")
                    .field("uriRegexRewrite", message(P + "RegexRewrite").fields(STRING, "match", "rewrite")))
            .field("timeout", DURATION)
            .field("retries", message(P + "HTTPRetry")
                    .field("attempts", INT32).field("perTryTimeout", DURATION).field("retryOn", STRING)
                    .field("retryRemoteLocalities", BOOL).field("retryIgnorePreviousHosts", BOOL).field("backoff", DURATION))
            .field("fault", message(P + "HTTPFaultInjection")
                    .field("delay", message(P + "HTTPFaultInjection.Delay")
                            .field("fixedDelay", DURATION).field("exponentialDelay", DURATION)
                            .field("percent", INT32).field("percentage", PERCENT))
                    .field("abort", message(P + "HTTPFaultInjection.Abort")
                            .field("httpStatus", INT32).fields(STRING, "grpcStatus", "http2Error").field("percentage", PERCENT)))
            .field("mirror", DESTINATION)
            .field("mirrors", listOf(message(P + "HTTPMirrorPolicy").field("destination", DESTINATION).field("percentage", PERCENT)))
            .field("mirrorPercent", UINT32).field("mirrorPercentage", PERCENT)
            .field("corsPolicy", message(P + "CorsPolicy")
                    .field("allowOrigin", STRINGS).field("allowOrigins", listOf(STRING_MATCH))
                    .fields(STRINGS, "allowMethods", "allowHeaders", "exposeHeaders")
                    .field("maxAge", DURATION).field("allowCredentials", BOOL)
                    .field("unmatchedPreflights", enumOf(P + "CorsPolicy.UnmatchedPreflights", "UNSPECIFIED", "FORWARD", "IGNORE")))
            .field("headers", HEADERS);
    public static final ProtoType TLS_MATCH = message(P + "TLSMatchAttributes")
            .fields(STRINGS, "sniHosts", "destinationSubnets", "gateways").field("port", UINT32)
            .field("sourceLabels", STRING_MAP).field("sourceNamespace", STRING);
    public static final ProtoType L4_MATCH = message(P + "L4MatchAttributes")
            .fields(STRINGS, "destinationSubnets", "gateways").field("port", UINT32)
            .field("sourceLabels", STRING_MAP).field("sourceNamespace", STRING);
    public static final ProtoType VIRTUAL_SERVICE = message(P + "VirtualService")
            .fields(STRINGS, "hosts", "gateways", "exportTo")
            .field("http", listOf(HTTP_ROUTE))
            .field("tls", listOf(message(P + "TLSRoute").field("match", listOf(TLS_MATCH)).field("route", listOf(ROUTE_DESTINATION))))
            .field("tcp", listOf(message(P + "TCPRoute").field("match", listOf(L4_MATCH)).field("route", listOf(ROUTE_DESTINATION))));

    // ---- Gateway ------------------------------------------------------------------------------
    public static final ProtoType PORT = message(P + "Port")
            .field("number", UINT32).fields(STRING, "protocol", "name").field("targetPort", UINT32);
    public static final ProtoType GATEWAY = message(P + "Gateway")
            .field("servers", listOf(message(P + "Server")
                    .field("port", PORT).field("bind", STRING).field("hosts", STRINGS).field("tls", SERVER_TLS)
                    .fields(STRING, "defaultEndpoint", "name")))
            .field("selector", STRING_MAP);

    // ---- ServiceEntry / WorkloadEntry ---------------------------------------------------------
    public static final ProtoType WORKLOAD_ENTRY = message(P + "WorkloadEntry")
            .field("address", STRING).field("ports", mapOf(UINT32)).field("labels", STRING_MAP)
            .fields(STRING, "network", "locality", "serviceAccount").field("weight", UINT32);
    public static final ProtoType SERVICE_PORT = message(P + "ServicePort")
            .field("number", UINT32).fields(STRING, "protocol", "name").field("targetPort", UINT32);
    public static final ProtoType SERVICE_ENTRY = message(P + "ServiceEntry")
            .fields(STRINGS, "hosts", "addresses", "exportTo", "subjectAltNames")
            .field("ports", listOf(SERVICE_PORT))
            .field("location", enumOf(P + "ServiceEntry.Location", "MESH_EXTERNAL", "MESH_INTERNAL"))
            .field("resolution", enumOf(P + "ServiceEntry.Resolution", "NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN", "DYNAMIC_DNS"))
            .field("endpoints", listOf(WORKLOAD_ENTRY))
            .field("workloadSelector", WORKLOAD_SELECTOR);

    // ---- Sidecar ------------------------------------------------------------------------------
    public static final ProtoType CAPTURE_MODE = enumOf(P + "CaptureMode", "DEFAULT", "IPTABLES", "NONE");
    public static final ProtoType SIDECAR_PORT = message(P + "SidecarPort")
            .field("number", UINT32).fields(STRING, "protocol", "name").field("targetPort", UINT32);
    public static final ProtoType SIDECAR = message(P + "Sidecar")
            .field("workloadSelector", WORKLOAD_SELECTOR)
            .field("ingress", listOf(message(P + "IstioIngressListener")
                    .field("port", SIDECAR_PORT).field("bind", STRING).field("captureMode", CAPTURE_MODE)
                    .field("defaultEndpoint", STRING).field("tls", SERVER_TLS).field("connectionPool", CONNECTION_POOL)))
            .field("egress", listOf(message(P + "IstioEgressListener")
                    .field("port", SIDECAR_PORT).field("bind", STRING).field("captureMode", CAPTURE_MODE).field("hosts", STRINGS)))
            .field("inboundConnectionPool", CONNECTION_POOL)
            .field("outboundTrafficPolicy", message(P + "OutboundTrafficPolicy")
                    .field("mode", enumOf(P + "OutboundTrafficPolicy.Mode", "REGISTRY_ONLY", "ALLOW_ANY"))
                    .field("egressProxy", DESTINATION));
}
