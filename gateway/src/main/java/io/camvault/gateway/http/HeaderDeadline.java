package io.camvault.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's line and headers must all arrive within {@code timeout} of its first byte. The idle
 * timeout alone cannot see a client that sends one header byte every few seconds: each byte counts
 * as activity, and the connection stays open for ever. Two handlers share this state: {@link #bytes()}
 * sits before the HTTP decoder and starts the clock on the first byte of a request; {@link #heads()}
 * sits after it and stops the clock once the decoder has the whole head (and rearms for the next
 * request of a kept-alive connection once this one's body is in). Past the deadline the client gets a
 * plain {@code 408} and the connection closes. Event loop only.
 */
public final class HeaderDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private final long timeoutNanos;
    private boolean awaitingHead = true;
    private ScheduledFuture<?> timer;

    public HeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Goes before the HTTP decoder. */
    public ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (awaitingHead && timer == null && msg instanceof ByteBuf b && b.isReadable()) {
                    timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }
        };
    }

    /** Goes after the HTTP decoder. */
    public ChannelInboundHandlerAdapter heads() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    awaitingHead = false;
                    cancel();
                }
                if (msg instanceof LastHttpContent) {
                    awaitingHead = true; // the next bytes start the next request
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!awaitingHead || !ctx.channel().isActive()) {
            return;
        }
        LOG.info("connection.header_timeout remote={}", ctx.channel().remoteAddress());
        String body = "{\"error\":\"header_timeout\",\"message\":\"the request headers did not arrive in time\"}";
        String answer = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        // written from before the decoder: raw bytes, past nothing but the transport
        ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
    }
}
