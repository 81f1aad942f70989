package io.camvault.gateway.tls;

import io.camvault.gateway.http.Responses;
import io.camvault.gateway.protocol.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of a connection on a TLS port. It looks at the first five bytes: a TLS record goes
 * to an {@link SslHandler} from the context current now (and this handler leaves the pipeline);
 * anything else is a client speaking plain HTTP, which gets one 400 {@code tls_required} and a
 * closed connection. The plain request is never decoded, so no token it carries reaches the
 * gateway's routes and no evidence is ever sent back in clear.
 */
public final class TlsOrPlainHandler extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsOrPlainHandler.class);
    /** A TLS record header: type, version (2), length (2). */
    private static final int RECORD_HEADER = 5;
    private final Supplier<io.netty.handler.ssl.SslContext> context;

    public TlsOrPlainHandler(Supplier<io.netty.handler.ssl.SslContext> context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            SslHandler ssl = context.get().newHandler(ctx.alloc());
            ctx.pipeline().replace(this, "ssl", ssl);
            return;
        }
        in.skipBytes(in.readableBytes());
        LOG.info("connection.plain_http_on_tls_port remote={}", ctx.channel().remoteAddress());
        ctx.pipeline().addBefore(ctx.name(), "refusal-encoder", new HttpResponseEncoder());
        FullHttpResponse refusal = Responses.error(GatewayError.TLS_REQUIRED.exception());
        HttpUtil.setContentLength(refusal, refusal.content().readableBytes());
        refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }
}
