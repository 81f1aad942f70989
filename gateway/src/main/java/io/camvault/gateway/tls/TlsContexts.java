package io.camvault.gateway.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds the gateway's {@link SslContext} from its PEM files: TLS 1.3 and 1.2 only, forward-secret AEAD suites. */
public final class TlsContexts {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** TLS 1.3's suites, then TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305 (Mozilla's "intermediate" list). */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {
    }

    /**
     * BoringSSL (netty-tcnative) where asked or, for {@code auto}, where its natives load: it encrypts
     * uploads at about twice the JDK's rate on the same cores (docs/BENCHMARKS.md, "TLS").
     */
    static SslProvider provider(String setting) {
        return switch (setting) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> {
                if (!io.netty.handler.ssl.OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("gateway.tls.provider=openssl, but netty-tcnative's BoringSSL"
                            + " does not load on this machine: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            default -> io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /**
     * Reads the files and builds a server context.
     *
     * @throws IllegalArgumentException naming the file that is missing, unreadable or does not fit
     */
    public static SslContext server(TlsConfig config) {
        List<X509Certificate> chain = PemFiles.certificates(config.cert());
        PrivateKey key = PemFiles.privateKey(config.key());
        PemFiles.requireMatch(key, chain.get(0), config.key(), config.cert());
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain)
                    .sslProvider(provider(config.provider()))
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
            if (config.clientCa() != null) {
                b.trustManager(PemFiles.certificates(config.clientCa())).clientAuth(ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build TLS from " + config.cert() + " and " + config.key() + ": "
                    + e.getMessage(), e);
        }
    }
}
