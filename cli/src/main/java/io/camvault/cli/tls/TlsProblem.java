package io.camvault.cli.tls;

import java.net.URI;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Names the TLS problem behind a failed connection in one sentence a person can act on. The JDK
 * reports these as nested exceptions whose text differs between versions, so the cause chain is
 * read for the exception types first and the texts second.
 */
public final class TlsProblem {
    /** What went wrong, as the bundle's keys name it. */
    public enum Kind {
        UNKNOWN_CA("tls.unknown_ca"),
        EXPIRED("tls.expired"),
        NOT_YET_VALID("tls.not_yet_valid"),
        HOSTNAME_MISMATCH("tls.hostname_mismatch"),
        CLIENT_CERT_REFUSED("tls.client_cert_refused"),
        NOT_TLS("tls.not_tls"),
        OTHER("tls.other");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private TlsProblem() {
    }

    /** The kind of TLS failure {@code failure} is, or empty when it is no TLS failure. */
    public static Optional<Kind> classify(Throwable failure) {
        boolean tls = false;
        StringBuilder texts = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Optional.of(Kind.EXPIRED);
            }
            if (t instanceof CertificateNotYetValidException) {
                return Optional.of(Kind.NOT_YET_VALID);
            }
            if (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return Optional.of(Kind.EXPIRED);
            }
            if (t instanceof SSLException || t instanceof java.security.cert.CertificateException
                    || t instanceof CertPathValidatorException) {
                tls = true;
            }
            if (t.getMessage() != null) {
                texts.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        String s = texts.toString();
        if (s.contains("unsupported or unrecognized ssl message") || s.contains("plaintext connection")) {
            return Optional.of(Kind.NOT_TLS);
        }
        if (!tls) {
            return Optional.empty();
        }
        if (s.contains("received fatal alert: certificate_") || s.contains("received fatal alert: bad_certificate")
                || s.contains("received fatal alert: unknown_ca") || s.contains("received fatal alert: access_denied")) {
            return Optional.of(Kind.CLIENT_CERT_REFUSED); // the daemon's alert about our certificate, not our check of its
        }
        if (s.contains("no subject alternative") || s.contains("no name matching") || s.contains("hostname")) {
            return Optional.of(Kind.HOSTNAME_MISMATCH);
        }
        if (s.contains("expired")) {
            return Optional.of(Kind.EXPIRED);
        }
        if (s.contains("not yet valid")) {
            return Optional.of(Kind.NOT_YET_VALID);
        }
        if (s.contains("unable to find valid certification path") || s.contains("pkix path building failed")
                || s.contains("certification path") || s.contains("trust anchor")) {
            return Optional.of(Kind.UNKNOWN_CA);
        }
        if (s.contains("bad_certificate") || s.contains("certificate_required") || s.contains("unknown_ca")
                || s.contains("certificate_unknown") || s.contains("access_denied")) {
            return Optional.of(Kind.CLIENT_CERT_REFUSED);
        }
        return Optional.of(Kind.OTHER);
    }

    /**
     * A sentence for {@code failure} connecting to {@code server}, or empty when it is no TLS failure.
     *
     * @param tls how the connection was set up (which CA was trusted), for the advice
     */
    public static Optional<String> explain(Throwable failure, URI server, ClientTls tls) {
        Optional<Kind> kind = classify(failure);
        if (kind.isEmpty() && tls.presentsCertificate() && "https".equalsIgnoreCase(server.getScheme())
                && failure instanceof java.io.IOException) {
            // TLS 1.3 ends the handshake before the daemon has checked our certificate: its refusal arrives
            // after, as a reset or broken pipe under the request. Ask again and read the daemon's alert.
            kind = TlsProbe.alert(server, tls).flatMap(TlsProblem::classify);
        }
        return kind.map(k -> sentence(k, failure, server, tls));
    }

    private static String sentence(Kind kind, Throwable failure, URI server, ClientTls tls) {
        {
            String trusted = tls.ca() != null ? tls.ca().toString() : TlsMessages.text("tls.system_store");
            String detail = kind == Kind.OTHER ? rootMessage(failure) : "";
            return TlsMessages.text(kind.key, server.getHost() + (server.getPort() > 0 ? ":" + server.getPort() : ""),
                    trusted, detail);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
