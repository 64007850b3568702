package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Client-side TLS settings (§2.1.9, {@code ValidateTLS}): DestinationRule policies. */
public final class ClientTls {
    private ClientTls() {}

    private static final String CONFIGMAP_PREFIX = "configmap://";

    public static void validate(String namespace, JsonNode tls, Findings f) {
        if (tls == null) {
            return;
        }
        String mode = Json.enumName(tls, "mode", "DISABLE");
        String cred = Json.str(tls, "credentialName");
        String ca = Json.str(tls, "caCertificates");
        boolean sans = Json.size(tls, "subjectAltNames") > 0;
        if (cred.startsWith(CONFIGMAP_PREFIX)) {
            String err = configMapNameError(cred, namespace);
            if (err != null) {
                f.error("invalid configmap:// credentialName: " + err);
            }
        }
        if (Json.bool(tls, "insecureSkipVerify")) {
            if (mode.equals("SIMPLE") && (!ca.isEmpty() || !cred.isEmpty() || sans)) {
                f.error("cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true");
            }
            if (mode.equals("MUTUAL") && (!ca.isEmpty() || sans)) {
                f.error("cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
            }
        }
        if ((mode.equals("SIMPLE") || mode.equals("MUTUAL")) && !cred.isEmpty()) {
            if (!Json.str(tls, "clientCertificate").isEmpty() || !ca.isEmpty() || !Json.str(tls, "privateKey").isEmpty()
                    || !Json.str(tls, "caCrl").isEmpty()) {
                f.error("cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
            }
            return;
        }
        if (mode.equals("MUTUAL")) {
            if (Json.str(tls, "clientCertificate").isEmpty()) {
                f.error("client certificate required for mutual tls");
            }
            if (Json.str(tls, "privateKey").isEmpty()) {
                f.error("private key required for mutual tls");
            }
        }
    }

    private static String configMapNameError(String cred, String namespace) {
        String[] split = cred.substring(CONFIGMAP_PREFIX.length()).split("/", -1);
        if (split.length != 2) {
            return "invalid resource name " + GoFormat.quote(cred) + ". Expected namespace and name";
        }
        if (split[0].isEmpty()) {
            return "invalid resource name " + GoFormat.quote(cred) + ". Expected namespace";
        }
        if (split[1].isEmpty()) {
            return "invalid resource name " + GoFormat.quote(cred) + ". Expected name";
        }
        if (!split[0].equals(namespace)) {
            return "namespace must match the configuration namespace " + GoFormat.quote(namespace);
        }
        return null;
    }
}
