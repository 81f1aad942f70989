package io.camvault.gateway.http;

import io.camvault.gateway.metrics.GatewayMetrics;
import io.camvault.gateway.protocol.GatewayError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /metrics}: Prometheus text format. */
public final class MetricsRoute implements Route {
    private final GatewayMetrics metrics;

    public MetricsRoute(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals("/metrics")) {
            return null;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        return new SimpleExchange(ctx, request, () -> Responses.text(HttpResponseStatus.OK,
                "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
    }
}
