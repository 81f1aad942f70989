package io.camvault.vault.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** A committed object opened for reading; it cannot write. Positional reads, any thread. */
public interface ObjectReader extends AutoCloseable {

    /** The object's length in bytes. */
    long size();

    /** Reads at {@code position} into {@code target}; -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /** The bytes from {@code from} on, {@code length} of them, as a stream (not closed with it). */
    default InputStream stream(long from, long length) {
        return new ReaderStream(this, from, length);
    }

    /** The whole object as a stream. */
    default InputStream stream() {
        return stream(0, size());
    }

    @Override
    void close() throws IOException;
}
