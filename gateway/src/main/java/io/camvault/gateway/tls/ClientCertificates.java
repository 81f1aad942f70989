package io.camvault.gateway.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The client certificate a connection's TLS handshake verified, as the audit names it: its SHA-256 fingerprint. */
public final class ClientCertificates {
    private ClientCertificates() {
    }

    /** The lower-case hex SHA-256 of the verified client certificate, or {@code null} (plain HTTP, or none sent). */
    public static String verifiedSha256(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length == 0 ? null : sha256(chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    public static String sha256(Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
