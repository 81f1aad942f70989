package io.camvault.vault.store.staging;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of one unfinished upload on disk, only ever appended to. An implementation may hold
 * the last few appended bytes in memory until {@link #sync()}; only synced bytes are promised to
 * be in the file (and to survive a crash). Not thread-safe: the upload's serial writer is its only
 * user.
 */
public interface PartFile extends AutoCloseable {

    /** Bytes appended so far, synced or not. */
    long size();

    /** Appends every remaining byte of {@code sources}, in order, consuming them. */
    void append(ByteBuffer... sources) throws IOException;

    /** Reads synced bytes at {@code position}; -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /**
     * Puts every appended byte in the file without waiting for the disk: for a caller that hands
     * the file to something that fsyncs it next (the object store's commit does).
     */
    void flush() throws IOException;

    /** Puts every appended byte in the file and fsyncs it (data and size). */
    void sync() throws IOException;

    /** Cuts the file back to {@code length} bytes, which must all have been synced. */
    void truncate(long length) throws IOException;

    /** Closes the file; bytes appended since the last {@link #sync()} may be lost. */
    @Override
    void close() throws IOException;
}
