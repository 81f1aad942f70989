package io.camvault.vault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The bytes of one upload on their way into the store, only ever appended to, then published by
 * {@link #commit}. The store decides where they wait (a file beside the objects, a local staging
 * file that also streams parts to a cluster); callers see offsets and bytes only. Only synced bytes
 * are promised to survive a crash; after a restart {@link #staged()} is the resume offset.
 *
 * <p>Not thread-safe: the upload's serial writer is its only user, except {@link #staged()},
 * which any thread may call.
 */
public interface ObjectWriter extends AutoCloseable {

    /** What a write id may hold: it names files and keys. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    String id();

    /**
     * The size of the staged bytes without opening them, or empty when nothing is staged (never
     * created, discarded, or already handed over by a commit).
     */
    OptionalLong staged() throws IOException;

    /** Creates the staging, empty; fails when it exists. */
    void create() throws IOException;

    /** Opens the staged bytes for appending, creating them when absent; returns their size. Idempotent. */
    long open() throws IOException;

    /** Bytes appended so far, synced or not (opens first). */
    long size() throws IOException;

    /** Appends every remaining byte of {@code sources}, in order, consuming them. */
    void append(ByteBuffer... sources) throws IOException;

    /** Reads synced bytes at {@code position}; -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /** Puts every appended byte in the staging without waiting for the disk (the commit syncs next). */
    void flush() throws IOException;

    /** Makes every appended byte durable in the staging. */
    void sync() throws IOException;

    /** Cuts back to {@code length} bytes, which must all have been synced (a checksum mismatch). */
    void truncate(long length) throws IOException;

    /**
     * Publishes the staged bytes as the object {@code commit.sha256()}: checks the size (and,
     * where the store is configured to, the digest), protects the object as asked, and releases
     * the staging. Deduplicates by hash: an object already stored with the same size is answered
     * (and protected at least as asked) without being replaced.
     *
     * <p>Idempotent per write: called again after a failure or a crash, it finishes or answers
     * from the store. On {@code INTEGRITY} nothing is published and the staged bytes stay for the
     * caller to discard. {@code NOT_FOUND} when neither staged bytes nor the object exist;
     * {@code IO}, {@code NO_SPACE} or {@code UNAVAILABLE} (the store cannot be reached) when
     * storage fails, and then calling again is safe.
     */
    StoredObject commit(ObjectCommit commit);

    /** Throws the staged bytes away (and anything already sent on for them). */
    void discard() throws IOException;

    /** Releases open handles; the staged bytes stay. Bytes appended since the last sync may be lost. */
    @Override
    void close() throws IOException;
}
