package io.camvault.gateway.http;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An exchange that ignores any body and answers with what a quick, non-blocking function returns. */
public final class SimpleExchange extends Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleExchange.class);
    private final Supplier<FullHttpResponse> answer;

    public SimpleExchange(ChannelHandlerContext ctx, HttpRequest request, Supplier<FullHttpResponse> answer) {
        super(ctx, request);
        this.answer = answer;
    }

    /** An exchange answering with an error once the body is read. */
    public static SimpleExchange failing(ChannelHandlerContext ctx, HttpRequest request, GatewayException e) {
        return new SimpleExchange(ctx, request, () -> Responses.error(e));
    }

    @Override
    public void start() {
        acceptBody();
    }

    @Override
    protected void finish() {
        respond(safely(answer));
    }

    /** Runs {@code answer}, turning any failure into its safe error answer. */
    static FullHttpResponse safely(Supplier<FullHttpResponse> answer) {
        try {
            return answer.get();
        } catch (GatewayException e) {
            return Responses.error(e);
        } catch (RuntimeException e) {
            LOG.warn("request.failed error={}", e.toString(), e);
            return Responses.error(GatewayError.INTERNAL.exception());
        }
    }
}
