package io.camvault.gateway.http;

import io.camvault.gateway.GatewayConfig;
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
    private final ConnectionLimit connections;

    public GatewayInitializer(GatewayConfig config, List<Route> routes, Consumer<SocketChannel> onOpen,
            ConnectionLimit connections) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.onOpen = onOpen;
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
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("header-deadline", headerDeadline.bytes())
                .addLast("http", new HttpServerCodec(decoder))
                .addLast("header-done", headerDeadline.heads())
                // pulls originals read through the object store's seam as the socket drains
                .addLast("chunked", new io.netty.handler.stream.ChunkedWriteHandler())
                .addLast("flow", new FlowControlHandler())
                .addLast("router", new Router(routes));
    }
}
