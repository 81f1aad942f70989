package io.camvault.gateway.review;

import io.camvault.vault.store.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * One byte range of an object read through the store's seam, handed to Netty piece by piece
 * ({@link io.netty.handler.stream.ChunkedWriteHandler} pulls as the socket drains, so memory stays
 * flat). The reader is opened on the first pull and closed with the input.
 */
final class ObjectRangeInput implements ChunkedInput<ByteBuf> {
    private static final int CHUNK = 256 * 1024;

    private final Supplier<ObjectReader> opener;
    private final long start;
    private final long end;
    private long position;
    private ObjectReader reader;

    ObjectRangeInput(Supplier<ObjectReader> opener, long start, long length) {
        this.opener = opener;
        this.start = start;
        this.end = start + length;
        this.position = start;
    }

    @Override
    public boolean isEndOfInput() {
        return position >= end;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (isEndOfInput()) {
            return null;
        }
        if (reader == null) {
            reader = opener.get();
        }
        int want = (int) Math.min(CHUNK, end - position);
        ByteBuf buf = allocator.heapBuffer(want);
        try {
            int n = reader.read(buf.internalNioBuffer(0, want), position);
            if (n < 0) {
                throw new java.io.EOFException("object ended at " + position + ", expected " + end + " bytes");
            }
            buf.writerIndex(n);
            position += n;
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public long progress() {
        return position - start;
    }
}
