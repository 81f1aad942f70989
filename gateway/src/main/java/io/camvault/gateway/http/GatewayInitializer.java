package io.camvault.gateway.http;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.tls.HandshakeAudit;
import io.camvault.gateway.tls.HstsHandler;
import io.camvault.gateway.tls.ReloadingTls;
import io.camvault.gateway.tls.TlsOrPlainHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Assembles each connection's pipeline and nothing else. No aggregator: bodies stream. The
 * {@link FlowControlHandler} hands on one decoded message per {@code read()}, so when an upload's
 * writer falls behind, the router simply stops asking.
 */
public final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    private final GatewayConfig config;
    private final List<Route> routes;
    private final Consumer<SocketChannel> onOpen;
    private final ReloadingTls tls;
    private final HandshakeAudit handshakeAudit;
    private final ConnectionLimit connections;

    /**
     * @param tls            the port's TLS, or {@code null} for plain HTTP
     * @param handshakeAudit records refused client certificates (used only with TLS)
     * @param connections    the cap on open connections
     */
    public GatewayInitializer(GatewayConfig config, List<Route> routes, Consumer<SocketChannel> onOpen, ReloadingTls tls,
            HandshakeAudit handshakeAudit, ConnectionLimit connections) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.onOpen = onOpen;
        this.tls = tls;
        this.handshakeAudit = handshakeAudit;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        onOpen.accept(ch);
        if (!connections.admit(ch)) {
            return; // refused: answered 503 and closed (see ConnectionLimit)
        }
        HeaderDeadline headerDeadline = new HeaderDeadline(config.headerTimeout());
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxInitialLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(config.maxChunkSize());
        if (tls != null) {
            ch.pipeline().addLast("tls", new TlsOrPlainHandler(tls::current)); // becomes the SslHandler
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("header-deadline", headerDeadline.bytes())
                .addLast("http", new HttpServerCodec(decoder))
                .addLast("header-done", headerDeadline.heads());
        if (tls != null) {
            ch.pipeline().addLast("hsts", HstsHandler.INSTANCE).addLast("handshake-audit", handshakeAudit);
        }
        ch.pipeline()
                // pulls originals read through the object store's seam as the socket drains
                .addLast("chunked", new io.netty.handler.stream.ChunkedWriteHandler())
                .addLast("flow", new FlowControlHandler())
                .addLast("router", new Router(routes, config.trustedProxies()));
    }
}
