package io.camvault.cli.tls;

import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.gateway.tls.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a command reaches an {@code https://} daemon: trusting the CA certificates in {@code ca} (or,
 * without it, the system trust store, like a browser), and presenting {@code clientCert} with
 * {@code clientKey} when the daemon asks for a client certificate. Host names are always checked.
 */
public final class ClientTls {
    private static final ClientTls SYSTEM = new ClientTls(null, null, null, null);
    private final Path ca;
    private final Path clientCert;
    private final Path clientKey;
    private final SSLContext context;

    private ClientTls(Path ca, Path clientCert, Path clientKey, SSLContext context) {
        this.ca = ca;
        this.clientCert = clientCert;
        this.clientKey = clientKey;
        this.context = context;
    }

    /** The system trust store and no client certificate. */
    public static ClientTls system() {
        return SYSTEM;
    }

    /**
     * Reads the files (each may be null; a client certificate needs its key).
     *
     * @throws UserError (CONFIG) naming the file that cannot be used
     */
    public static ClientTls of(Path ca, Path clientCert, Path clientKey) {
        if (ca == null && clientCert == null && clientKey == null) {
            return SYSTEM;
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new UserError(ExitCodes.CONFIG, TlsMessages.text("tls.client_pair"));
        }
        try {
            for (Path p : new Path[] {ca, clientCert, clientKey}) {
                if (p != null && !Files.isReadable(p)) {
                    throw new IllegalArgumentException(p + " does not exist or cannot be read");
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (ca != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                List<X509Certificate> cas = PemFiles.certificates(ca);
                for (int i = 0; i < cas.size(); i++) {
                    trust.setCertificateEntry("ca-" + i, cas.get(i));
                }
                tmf.init(trust);
            } else {
                tmf.init((KeyStore) null);
            }
            KeyManagerFactory kmf = null;
            if (clientCert != null) {
                List<X509Certificate> chain = PemFiles.certificates(clientCert);
                PrivateKey key = PemFiles.privateKey(clientKey);
                PemFiles.requireMatch(key, chain.get(0), clientKey, clientCert);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                char[] none = new char[0];
                keys.setKeyEntry("client", key, none, chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, none);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new ClientTls(ca, clientCert, clientKey, ctx);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.CONFIG, e.getMessage(), e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new UserError(ExitCodes.CONFIG, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The context to connect with, or {@code null} for the JDK's default (system trust store, no client certificate). */
    public SSLContext context() {
        return context;
    }

    /** Whether a client certificate is presented when asked. */
    public boolean presentsCertificate() {
        return clientCert != null;
    }

    public Path ca() {
        return ca;
    }
}
