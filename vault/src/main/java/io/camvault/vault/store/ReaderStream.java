package io.camvault.vault.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** A window of an {@link ObjectReader} read front to back. */
final class ReaderStream extends InputStream {
    private final ObjectReader reader;
    private long position;
    private final long end;

    ReaderStream(ObjectReader reader, long from, long length) {
        if (from < 0 || length < 0 || from + length > reader.size()) {
            throw new IllegalArgumentException("range " + from + "+" + length + " outside 0-" + reader.size());
        }
        this.reader = reader;
        this.position = from;
        this.end = from + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = reader.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            throw new java.io.EOFException("object ended at " + position + " of " + end + " bytes");
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
