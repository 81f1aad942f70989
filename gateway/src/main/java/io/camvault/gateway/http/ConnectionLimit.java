package io.camvault.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections. One more is not given an HTTP pipeline at all: it is answered
 * {@code 503} with {@code Retry-After} and closed at once, so a flood of idle connections cannot
 * exhaust file descriptors or memory, and a well-behaved client learns when to come back.
 */
public final class ConnectionLimit {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
    private final int max;
    private final long retryAfterSeconds;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max, long retryAfterSeconds) {
        this.max = max;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int open() {
        return open.get();
    }

    /**
     * Counts {@code ch} in (until it closes) and answers {@code true}, or answers {@code false} and
     * gives it a pipeline that refuses it.
     */
    boolean admit(SocketChannel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            LOG.warn("connection.refused remote={} reason=max_connections max={}", ch.remoteAddress(), max);
            ch.pipeline().addLast("refuse", new Refuse(retryAfterSeconds));
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    /** Writes one plain 503 as soon as the connection is up, then closes it. */
    private static final class Refuse extends ChannelInboundHandlerAdapter {
        private final long retryAfterSeconds;

        Refuse(long retryAfterSeconds) {
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String body = "{\"error\":\"too_many_connections\",\"message\":\"the gateway has too many open connections,"
                    + " retry later\"}";
            String answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: "
                    + retryAfterSeconds + "\r\nConnection: close\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
            ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }
}
