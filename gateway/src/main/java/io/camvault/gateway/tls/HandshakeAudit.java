package io.camvault.gateway.tls;

import io.camvault.gateway.source.RequestSource;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.Outcome;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a refused client certificate (not signed by {@code gateway.tls.client-ca}, expired) in the
 * audit chain as a denied {@code tls.client_certificate}: the connection never reaches a route, so
 * this is the only trace of it. Other handshake failures (a scanner, a client that does not trust
 * our certificate) are only logged. The entry is written off the event loop; it holds the peer
 * address and a fixed reason, never text the client chose.
 */
@Sharable
public final class HandshakeAudit extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeAudit.class);
    private final Consumer<AuditEntry> audit;
    private final Executor pool;

    public HandshakeAudit(Consumer<AuditEntry> audit, Executor pool) {
        this.audit = audit;
        this.pool = pool;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            String peer = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                    : String.valueOf(ctx.channel().remoteAddress());
            boolean clientCert = refusedClientCertificate(done.cause());
            LOG.info("tls.handshake_failed remote={} client_certificate_refused={} error=\"{}\"", peer, clientCert,
                    String.valueOf(done.cause()).replace('"', '\''));
            if (clientCert) {
                AuditEntry entry = new AuditEntry("anonymous", "tls.client_certificate", "connection", Outcome.DENIED,
                        Map.of("reason", "client certificate not trusted", RequestSource.PEER_ADDRESS, peer,
                                RequestSource.CLIENT_ADDRESS, peer));
                try {
                    pool.execute(() -> record(entry));
                } catch (RejectedExecutionException e) {
                    LOG.warn("tls.handshake_audit_dropped remote={} reason=shutting_down", peer);
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void record(AuditEntry entry) {
        try {
            audit.accept(entry);
        } catch (RuntimeException e) {
            LOG.warn("tls.handshake_audit_failed error=\"{}\"", e.toString());
        }
    }

    /** Whether the server's own check of a client certificate failed (as opposed to the client giving up). */
    static boolean refusedClientCertificate(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Empty client certificate chain") || m.contains("PKIX path"))) {
                return true;
            }
        }
        return false;
    }
}
