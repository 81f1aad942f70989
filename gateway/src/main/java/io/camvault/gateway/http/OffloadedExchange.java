package io.camvault.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Like {@link SimpleExchange}, but the answer is computed on a pool: for anything that reads or writes the index. */
public final class OffloadedExchange extends Exchange {
    private final Executor pool;
    private final Supplier<FullHttpResponse> answer;

    public OffloadedExchange(ChannelHandlerContext ctx, HttpRequest request, Executor pool,
            Supplier<FullHttpResponse> answer) {
        super(ctx, request);
        this.pool = pool;
        this.answer = answer;
    }

    @Override
    public void start() {
        acceptBody();
    }

    @Override
    protected void finish() {
        runOn(pool, () -> respond(SimpleExchange.safely(answer)));
    }
}
