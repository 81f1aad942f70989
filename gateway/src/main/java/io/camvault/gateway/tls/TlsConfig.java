package io.camvault.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * HTTPS settings of the gateway port.
 *
 * @param cert           PEM file with the server certificate first, then its intermediates ({@code gateway.tls.cert})
 * @param key            PEM file with the private key: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted ({@code gateway.tls.key})
 * @param clientCa       PEM file of CA certificates whose client certificates are asked for and verified, or
 *                       {@code null} for none ({@code gateway.tls.client-ca}); a client without one still connects
 * @param reloadInterval how often the three files are checked for a change (default 10 seconds)
 * @param provider       {@code gateway.tls.provider}: {@code auto} (the default: BoringSSL through
 *                       netty-tcnative where its natives load, else the JDK's), {@code openssl} or {@code jdk}
 */
public record TlsConfig(Path cert, Path key, Path clientCa, Duration reloadInterval, String provider) {
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_PROVIDER = "auto";

    public TlsConfig {
        Objects.requireNonNull(cert, "gateway.tls.cert");
        Objects.requireNonNull(key, "gateway.tls.key");
        Objects.requireNonNull(reloadInterval, "gateway.tls.reload-interval");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("gateway.tls.reload-interval must be positive, got " + reloadInterval);
        }
        if (provider == null) {
            provider = DEFAULT_PROVIDER;
        }
        if (!java.util.List.of("auto", "openssl", "jdk").contains(provider)) {
            throw new IllegalArgumentException("gateway.tls.provider must be auto, openssl or jdk, got " + provider);
        }
    }

    public TlsConfig(Path cert, Path key, Path clientCa, Duration reloadInterval) {
        this(cert, key, clientCa, reloadInterval, DEFAULT_PROVIDER);
    }

    public TlsConfig(Path cert, Path key, Path clientCa) {
        this(cert, key, clientCa, DEFAULT_RELOAD_INTERVAL);
    }
}
