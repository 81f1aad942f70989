package io.camvault.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes of a local file to send as (part of) an answer. The exchange turns it into what the
 * connection can carry: a {@link DefaultFileRegion} on plain HTTP (sendfile, no copy through the
 * heap), a {@link ChunkedNioFile} under TLS, where the bytes must pass through the cipher; the
 * {@code ChunkedWriteHandler} pulls its chunks only while the socket is writable, so a slow
 * reader holds at most a few chunks in memory.
 */
public record FileSlice(Path file, long position, long count) {
    /** Chunk read per step under TLS: four full TLS records. */
    static final int TLS_CHUNK = 64 * 1024;

    static boolean encrypted(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    Object forTransport(ChannelHandlerContext ctx) throws IOException {
        if (!encrypted(ctx)) {
            return new DefaultFileRegion(file.toFile(), position, count);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ChunkedNioFile(ch, position, count, TLS_CHUNK);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
