package io.camvault.gateway.source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;

/**
 * The addresses the audit records for a request: the client it trusts ({@code client_address}) and
 * the TCP peer ({@code peer_address}); they differ only behind a trusted proxy.
 */
public record RequestSource(String clientAddress, String peerAddress) {
    public static final String CLIENT_ADDRESS = "client_address";
    public static final String PEER_ADDRESS = "peer_address";

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
        return Map.of(CLIENT_ADDRESS, clientAddress, PEER_ADDRESS, peerAddress);
    }
}
