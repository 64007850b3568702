package dev.meshhook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Server-side TLS settings (§2.1.8, {@code validateTLSOptions}): Gateway servers and Sidecar ingress. */
public final class ServerTls {
    private ServerTls() {}

    static final Set<String> CIPHERS = Set.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
            "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

    /** {@code security.IsValidCipherSuite}. */
    public static boolean isValidCipherSuite(String cs) {
        if (cs.isEmpty() || cs.equals("ALL")) {
            return true;
        }
        int c = cs.codePointAt(0);
        if (!Character.isLetter(c) && !Character.isDigit(c)) {
            return true;
        }
        return CIPHERS.contains(cs);
    }

    /** Mode name; PASSTHROUGH is the proto default. */
    public static String mode(JsonNode tls) {
        return Json.enumName(tls, "mode", "PASSTHROUGH");
    }

    public static void validate(JsonNode tls, Findings f) {
        if (tls == null) {
            return;
        }
        String min = Json.enumName(tls, "minProtocolVersion", "TLS_AUTO");
        List<String> ciphers = Json.strings(tls, "cipherSuites");
        if ((min.equals("TLSV1_0") || min.equals("TLSV1_1")) && ciphers.isEmpty()) {
            f.warn("TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.");
        }
        Set<String> invalid = new TreeSet<>();
        Set<String> valid = new LinkedHashSet<>();
        Set<String> dup = new TreeSet<>();
        for (String cs : ciphers) {
            if (!isValidCipherSuite(cs)) {
                invalid.add(cs);
            } else if (!valid.add(cs)) {
                dup.add(cs);
            }
        }
        if (!invalid.isEmpty()) {
            f.warn("ignoring invalid cipher suites: [" + String.join(" ", invalid) + "]");
        }
        if (!dup.isEmpty()) {
            f.warn("ignoring duplicate cipher suites: [" + String.join(" ", dup) + "]");
        }
        String mode = mode(tls);
        String serverCert = Json.str(tls, "serverCertificate");
        String privateKey = Json.str(tls, "privateKey");
        String ca = Json.str(tls, "caCertificates");
        String crl = Json.str(tls, "caCrl");
        String credName = Json.str(tls, "credentialName");
        int credNames = Json.size(tls, "credentialNames");
        int tlsCerts = Json.size(tls, "tlsCertificates");
        if (mode.equals("ISTIO_MUTUAL")) {
            String p = "ISTIO_MUTUAL TLS cannot have associated ";
            if (!serverCert.isEmpty()) {
                f.error(p + "server certificate");
            }
            if (!privateKey.isEmpty()) {
                f.error(p + "private key");
            }
            if (!ca.isEmpty()) {
                f.error(p + "CA bundle");
            }
            if (tlsCerts > 0) {
                f.error(p + "tlsCertificates");
            }
            if (!credName.isEmpty()) {
                f.error(p + "credentialName");
            }
            if (credNames > 0) {
                f.error(p + "credentialNames");
            }
            return;
        }
        if ((mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH"))
                && (!crl.isEmpty() || !serverCert.isEmpty() || !privateKey.isEmpty() || !ca.isEmpty() || tlsCerts > 0
                    || !credName.isEmpty() || credNames > 0)) {
            f.warn(mode + " mode does not use certificates, they will be ignored");
        }
        int sources = (!serverCert.isEmpty() && !privateKey.isEmpty() ? 1 : 0) + (!credName.isEmpty() ? 1 : 0)
                + (credNames > 0 ? 1 : 0) + (tlsCerts > 0 ? 1 : 0);
        if (sources > 1) {
            f.error("only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified");
        }
        boolean simple = mode.equals("SIMPLE");
        boolean mutual = mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
        if ((simple || mutual) && (!credName.isEmpty() || credNames > 0)) {
            return;
        }
        if (simple || mutual) {
            String prefix = simple ? "SIMPLE TLS" : "MUTUAL TLS";
            if (mutual && ca.isEmpty()) {
                f.error("MUTUAL TLS requires a client CA bundle");
            }
            if (tlsCerts > 2) {
                f.warn(prefix + " can support up to 2 server certificates");
            }
            if (tlsCerts == 0) {
                requireCertAndKey(prefix, serverCert, privateKey, f);
            } else {
                for (JsonNode c : Json.list(tls, "tlsCertificates")) {
                    requireCertAndKey(prefix, Json.str(c, "serverCertificate"), Json.str(c, "privateKey"), f);
                }
            }
        }
        if (!crl.isEmpty()) {
            if (!credName.isEmpty()) {
                f.error("CRL is not supported with credentialName. CRL has to be specified in the credential");
            }
            if (simple) {
                f.error("CRL is not supported with SIMPLE TLS");
            }
        }
    }

    private static void requireCertAndKey(String prefix, String cert, String key, Findings f) {
        if (cert.isEmpty()) {
            f.error(prefix + " requires a server certificate");
        }
        if (key.isEmpty()) {
            f.error(prefix + " requires a private key");
        }
    }
}
