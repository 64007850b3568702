package dev.meshhook.certs;

/** A certificate could not be created, parsed or stored; the message says which and why. */
public class CertificateException extends RuntimeException {
    public CertificateException(String message) {
        super(message);
    }

    public CertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
