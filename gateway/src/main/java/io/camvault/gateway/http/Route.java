package io.camvault.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

/** Picks the exchange for a request; returns {@code null} when the path is not this route's. */
@FunctionalInterface
public interface Route {
    Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path);
}
