package io.camvault.gateway.http;

import io.camvault.gateway.protocol.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * An API call with a small body (JSON): collects at most {@link #MAX_BODY} bytes, then computes the
 * answer on a pool (it writes the index). Bodies over the limit get 413 without being buffered.
 */
public final class JsonBodyExchange extends Exchange {
    public static final int MAX_BODY = 64 * 1024;
    private final Executor pool;
    private final Function<byte[], FullHttpResponse> answer;
    private ByteBuf body = Unpooled.buffer(0);
    private boolean tooLarge;

    public JsonBodyExchange(ChannelHandlerContext ctx, HttpRequest request, Executor pool,
            Function<byte[], FullHttpResponse> answer) {
        super(ctx, request);
        this.pool = pool;
        this.answer = answer;
    }

    @Override
    public void start() {
        if (HttpUtil.getContentLength(request, 0L) > MAX_BODY) {
            body.release();
            body = null;
            fail(GatewayError.BODY_TOO_LARGE.exception());
            return;
        }
        acceptBody();
    }

    @Override
    public void content(HttpContent piece) {
        boolean last = piece instanceof LastHttpContent;
        if (body != null && !tooLarge) {
            if (body.readableBytes() + piece.content().readableBytes() > MAX_BODY) {
                tooLarge = true;
            } else {
                body.writeBytes(piece.content());
            }
        }
        piece.release();
        if (!last) {
            readMore();
            return;
        }
        markBodyDone();
        if (responded()) {
            readMore();
            return;
        }
        if (tooLarge || body == null) {
            releaseBody();
            fail(GatewayError.BODY_TOO_LARGE.exception());
            return;
        }
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        releaseBody();
        runOn(pool, () -> respond(SimpleExchange.safely(() -> answer.apply(bytes))));
    }

    @Override
    public void aborted() {
        releaseBody();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
