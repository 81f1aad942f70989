package io.camvault.gateway.http;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.source.RequestSource;
import io.camvault.gateway.source.TrustedProxies;
import io.camvault.gateway.tls.ClientCertificates;
import io.camvault.vault.audit.AuditOrigin;
import io.netty.util.AttributeKey;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each request into an {@link Exchange} picked by the first matching {@link Route}, feeds
 * it the body. The exchange, not the router, answers {@code Expect: 100-continue}, and only once it
 * has accepted the request head (auth and headers checked), so a rejected upload never sends its body.
 */
public final class Router extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** The current request's addresses, for the audit of work it hands to other threads. */
    static final AttributeKey<RequestSource> SOURCE = AttributeKey.valueOf("camvault.source");
    private final List<Route> routes;
    private final TrustedProxies proxies;
    private Exchange current;
    private boolean readWanted;

    public Router(List<Route> routes, TrustedProxies proxies) {
        this.routes = List.copyOf(routes);
        this.proxies = proxies;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(false);
        requestRead(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readWanted = false;
        if (msg instanceof HttpRequest request) {
            ctx.channel().attr(SOURCE).set(RequestSource.of(ctx.channel().remoteAddress(), proxies,
                    request.headers().get("Forwarded"), request.headers().get("X-Forwarded-For"))
                    .withClientCert(ClientCertificates.verifiedSha256(ctx)));
        }
        try (AuditOrigin.Scope s = AuditOrigin.open(auditDetails(ctx))) {
            dispatch(ctx, msg);
        }
    }

    /** The audit details of the request being served on {@code ctx}'s channel (none before its first). */
    static java.util.Map<String, String> auditDetails(ChannelHandlerContext ctx) {
        RequestSource source = ctx.channel().attr(SOURCE).get();
        return source == null ? java.util.Map.of() : source.auditDetails();
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            startExchange(ctx, request);
            if (msg instanceof HttpContent piece) {
                current.content(piece);
            }
        } else if (msg instanceof HttpContent piece) {
            if (current == null || current.bodyDone()) {
                piece.release();
                requestRead(ctx);
            } else {
                current.content(piece);
            }
        } else {
            ReferenceCountUtil.release(msg);
            requestRead(ctx);
        }
    }

    /**
     * Asks for the next message. A {@code read()} may be answered by a read-complete with no
     * message (the socket had only part of one), so the wish is remembered and renewed there.
     */
    void requestRead(ChannelHandlerContext ctx) {
        readWanted = true;
        ctx.read();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (readWanted && ctx.channel().isActive()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void startExchange(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            GatewayError error = cause instanceof TooLongFrameException ? GatewayError.HEADERS_TOO_LARGE
                    : GatewayError.BAD_REQUEST;
            current = SimpleExchange.failing(ctx, request, error.exception());
            current.respond(Responses.error(error.exception()));
            return;
        }
        current = route(ctx, request);
        if (unsupportedExpectation(request)) {
            current = SimpleExchange.failing(ctx, request, GatewayError.EXPECTATION_FAILED.exception());
            current.respond(Responses.error(GatewayError.EXPECTATION_FAILED.exception()));
            return;
        }
        current.start();
    }

    private static boolean unsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim());
    }

    private Exchange route(ChannelHandlerContext ctx, HttpRequest request) {
        if (!RequestTarget.wellEncoded(request.uri())) {
            // never quote the target: its query may carry an access_token
            return SimpleExchange.failing(ctx, request, GatewayError.BAD_REQUEST.exception("malformed request target"));
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            return SimpleExchange.failing(ctx, request, GatewayError.BAD_REQUEST.exception("malformed request target"));
        }
        for (Route route : routes) {
            Exchange exchange = route.open(ctx, request, path);
            if (exchange != null) {
                return exchange;
            }
        }
        return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null && !current.complete()) {
            current.aborted();
        }
        current = null;
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.info("connection.idle remote={}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the exception's class only: a message can quote request text (a target, a header), tokens included
        LOG.warn("connection.error remote={} error={}", ctx.channel().remoteAddress(), cause.getClass().getName());
        if (current != null && !current.responded()) {
            current.respond(Responses.error(GatewayError.INTERNAL.exception()));
        } else {
            ctx.close();
        }
    }
}
