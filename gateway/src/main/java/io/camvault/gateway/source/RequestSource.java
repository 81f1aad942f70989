package io.camvault.gateway.source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;

/**
 * What the audit records about where a request came from: the client address it trusts
 * ({@code client_address}) and the TCP peer ({@code peer_address}), which differ only behind a
 * trusted proxy, and the SHA-256 fingerprint of the client certificate the TLS handshake verified
 * ({@code client_cert_sha256}, {@code null} without one).
 */
public record RequestSource(String clientAddress, String peerAddress, String clientCertSha256) {
    public static final String CLIENT_ADDRESS = "client_address";
    public static final String PEER_ADDRESS = "peer_address";
    public static final String CLIENT_CERT = "client_cert_sha256";

    public RequestSource(String clientAddress, String peerAddress) {
        this(clientAddress, peerAddress, null);
    }

    public RequestSource withClientCert(String sha256) {
        return new RequestSource(clientAddress, peerAddress, sha256);
    }

    public static RequestSource of(SocketAddress peer, TrustedProxies proxies, String forwarded, String xForwardedFor) {
        InetAddress p = peer instanceof InetSocketAddress s ? s.getAddress() : null;
        if (p == null) {
            String text = peer == null ? "unknown" : peer.toString();
            return new RequestSource(text, text);
        }
        InetAddress client = proxies.client(p, forwarded, xForwardedFor);
        return new RequestSource(client.getHostAddress(), p.getHostAddress());
    }

    /** The audit details: {@code client_address} and {@code peer_address}. */
    public Map<String, String> auditDetails() {
        return clientCertSha256 == null ? Map.of(CLIENT_ADDRESS, clientAddress, PEER_ADDRESS, peerAddress)
                : Map.of(CLIENT_ADDRESS, clientAddress, PEER_ADDRESS, peerAddress, CLIENT_CERT, clientCertSha256);
    }
}
