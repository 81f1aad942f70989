package io.camvault.cli.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One extra TLS connection made only after a failure, to read what the daemon says about this
 * client's certificate: under TLS 1.3 the daemon's refusal comes after the handshake, so the
 * request that failed saw only a broken connection.
 */
final class TlsProbe {
    private static final int TIMEOUT_MS = 5000;

    private TlsProbe() {
    }

    /** The TLS failure the daemon at {@code server} answers a fresh connection with, or empty when it answers none. */
    static Optional<Throwable> alert(URI server, ClientTls tls) {
        if (tls.context() == null) {
            return Optional.empty();
        }
        int port = server.getPort() > 0 ? server.getPort() : 443;
        try (Socket plain = SocketFactory.getDefault().createSocket()) {
            plain.connect(new InetSocketAddress(server.getHost(), port), TIMEOUT_MS);
            try (SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, server.getHost(), port, false)) {
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.setSoTimeout(TIMEOUT_MS);
                s.startHandshake();
                s.getOutputStream().write("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().read();
                return Optional.empty();
            }
        } catch (SSLException e) {
            return Optional.of(e);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
