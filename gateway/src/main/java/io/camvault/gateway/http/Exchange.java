package io.camvault.gateway.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * One request and its answer. The router hands it the request head, then each body piece. The
 * channel does not read on its own (autoRead is off): an exchange asks for the next message with
 * {@link #readMore()} when it is ready for it, which is how upload backpressure works.
 *
 * <p>An answer sent before the body was fully read closes the connection afterwards, so a
 * rejected upload's remaining bytes are never mistaken for the next request.
 */
public abstract class Exchange {
    protected final ChannelHandlerContext ctx;
    protected final HttpRequest request;
    private boolean responded;
    private boolean bodyDone;
    /** Answered with the connection kept open: the next request's read is this exchange's to ask for. */
    private boolean keptAlive;

    protected Exchange(ChannelHandlerContext ctx, HttpRequest request) {
        this.ctx = ctx;
        this.request = request;
    }

    /** Called once with the request head, on the event loop. May answer at once. */
    public abstract void start();

    /**
     * Called with each body piece, on the event loop; must release it. The default ignores the body
     * and answers with {@link #finish()} once it has all been read.
     */
    public void content(HttpContent piece) {
        boolean last = piece instanceof LastHttpContent;
        piece.release();
        if (last) {
            markBodyDone();
            if (!responded) {
                finish();
                return;
            }
        }
        if (!responded || !last || keptAlive) {
            readMore();
        }
    }

    /** Answers a request whose body the default {@link #content} has consumed. */
    protected void finish() {
        respond(Responses.error(GatewayError.METHOD_NOT_ALLOWED.exception()));
    }

    /** The connection closed before this exchange answered. */
    public void aborted() {
    }

    public final boolean complete() {
        return responded && bodyDone;
    }

    public final boolean responded() {
        return responded;
    }

    protected final void markBodyDone() {
        bodyDone = true;
    }

    protected final boolean bodyDone() {
        return bodyDone;
    }

    protected final void readMore() {
        if (ctx.executor().inEventLoop()) {
            router().requestRead(ctx);
        } else {
            ctx.executor().execute(() -> router().requestRead(ctx));
        }
    }

    private Router router() {
        return (Router) ctx.handler();
    }

    /** Accepts the body: answers {@code Expect: 100-continue}, then asks for the first piece. */
    protected final void acceptBody() {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(this::acceptBody);
            return;
        }
        if (responded || !ctx.channel().isActive()) {
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        readMore();
    }

    /** Runs {@code work} on {@code pool}; a pool that refuses (full, or shutting down) answers 503. */
    protected final void runOn(Executor pool, Runnable work) {
        try {
            java.net.SocketAddress remote = ctx.channel().remoteAddress();
            pool.execute(io.camvault.vault.audit.AuditOrigin.propagate(Router.auditDetails(ctx),
                    () -> io.camvault.gateway.auth.RequestSource.within(remote, work)));
        } catch (RejectedExecutionException e) {
            fail(GatewayError.NOT_READY.exception());
        }
    }

    protected final void fail(GatewayException e) {
        respond(Responses.error(e));
    }

    /**
     * Sends a streamed answer: {@code head} (which must carry its {@code Content-Length}), then each
     * part in order ({@code ByteBuf}s and {@code FileRegion}s, so files go out with sendfile), then
     * the end of the message. Safe from any thread; if an answer was already sent the parts are
     * released.
     */
    protected final void respondStreamed(io.netty.handler.codec.http.HttpResponse head, java.util.List<Object> parts) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> respondStreamed(head, parts));
            return;
        }
        if (responded || !ctx.channel().isActive()) {
            parts.forEach(io.netty.util.ReferenceCountUtil::release);
            return;
        }
        responded = true;
        boolean keepAlive = keepAlive();
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(head);
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            if (part instanceof FileSlice slice) {
                try {
                    part = slice.forTransport(ctx);
                } catch (java.io.IOException e) {
                    parts.subList(i + 1, parts.size()).forEach(io.netty.util.ReferenceCountUtil::release);
                    ctx.close(); // the head is out: the only honest end is a cut connection
                    return;
                }
            }
            ctx.write(part);
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            } else {
                router().requestRead(ctx);
            }
        });
    }

    /** Sends the answer; safe from any thread. The first answer wins. */
    protected final void respond(FullHttpResponse response) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> respond(response));
            return;
        }
        if (responded) {
            response.release();
            return;
        }
        responded = true;
        Cors.decorate(request, response);
        decorate(response);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = keepAlive();
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            router().requestRead(ctx);
        }
    }

    /**
     * Sends {@code file} as the body of {@code head} (zero-copy where the transport allows), then
     * runs {@code done} whatever happened (the caller deletes a temporary file there). Safe from
     * any thread; if an answer was already sent, only {@code done} runs.
     */
    protected final void respondFile(HttpResponse head, java.nio.file.Path file, Runnable done) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> respondFile(head, file, done));
            return;
        }
        long length;
        try {
            length = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            done.run();
            respond(Responses.error(GatewayError.INTERNAL.exception()));
            return;
        }
        if (responded) {
            done.run();
            return;
        }
        responded = true;
        HttpUtil.setContentLength(head, length);
        boolean keepAlive = keepAlive();
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Object body;
        try {
            body = new FileSlice(file, 0, length).forTransport(ctx);
        } catch (java.io.IOException e) {
            done.run();
            ctx.close();
            return;
        }
        ctx.write(head);
        ctx.write(body);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
            done.run();
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            } else {
                router().requestRead(ctx);
            }
        });
    }

    /**
     * Whether the connection stays open after this answer: the client asked for it, and nothing of
     * this request's body is left unread, either because it was read to its end or because the
     * request declared none (no {@code Content-Length} above zero, not chunked). A bodyless request
     * answered early (a tus creation, a HEAD, most errors) thus keeps its connection; one answered
     * with body bytes still unread closes it, so they are never taken for the next request.
     */
    private boolean keepAlive() {
        keptAlive = (bodyDone || bodyless()) && HttpUtil.isKeepAlive(request) && ctx.channel().isActive();
        return keptAlive;
    }

    private boolean bodyless() {
        if (request.decoderResult().isFailure() || HttpUtil.isTransferEncodingChunked(request)) {
            return false;
        }
        try {
            return HttpUtil.getContentLength(request, 0L) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Adds headers every answer of this kind carries (e.g. Tus-Resumable). */
    protected void decorate(FullHttpResponse response) {
    }
}
