package io.camvault.gateway.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds {@code Strict-Transport-Security} to every answer sent over TLS, so a browser that has
 * opened the review page once never again tries it over plain HTTP (where a token would cross in clear).
 */
@Sharable
public final class HstsHandler extends ChannelOutboundHandlerAdapter {
    /** One year, the usual floor for HSTS; no includeSubDomains: the gateway does not own its parent domain. */
    public static final String VALUE = "max-age=31536000";
    public static final HstsHandler INSTANCE = new HstsHandler();

    private HstsHandler() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse r && !r.headers().contains("Strict-Transport-Security")) {
            r.headers().set("Strict-Transport-Security", VALUE);
        }
        ctx.write(msg, promise);
    }
}
