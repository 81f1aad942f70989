package io.camvault.gateway.upload;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.UploadChecksum;
import io.camvault.vault.store.ObjectWriter;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload being received: the object store's writer that stages its bytes, and the running
 * digests. Every method that touches the bytes runs on the upload's own {@link SerialExecutor}
 * ({@link #serial()}), never on the event loop; the offset is the size of what the writer has
 * staged when the upload is first touched after a restart, and the digest is recomputed from those
 * bytes.
 */
public final class Upload {
    private static final Logger LOG = LoggerFactory.getLogger(Upload.class);
    private static final int RECOMPUTE_BUFFER = 1 << 20;
    /**
     * Digests read direct buffers through a heap array: MessageDigest's own path for a direct
     * ByteBuffer copies 4 KiB at a time and SM3 takes only arrays, so one copy per piece into this
     * scratch array feeds every digest in large blocks.
     */
    private static final int HASH_SCRATCH = 64 * 1024;

    private final ObjectWriter writer;
    private final SerialExecutor serial;
    private final boolean sm3Enabled;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile UploadRecord record;
    private volatile long offset = -1;
    /** False while the record was written without a sync and nothing synced has covered it yet. */
    private volatile boolean recordDurable = true;
    /** Whether the writer is open with the digests rebuilt ({@link #load()}). */
    private boolean loaded;
    private MessageDigest sha256;
    private SM3Digest sm3;
    private RequestState request;
    private byte[] scratch;
    private SmallFirst.Hold bodyHold;

    Upload(UploadRecord record, ObjectWriter writer, SerialExecutor serial, boolean sm3Enabled) {
        this.record = record;
        this.writer = writer;
        this.serial = serial;
        this.sm3Enabled = sm3Enabled;
    }

    public UploadRecord record() {
        return record;
    }

    void record(UploadRecord updated) {
        record = updated;
    }

    /** The record was just written without waiting for the disk (see {@code UploadStore.create}). */
    void recordWrittenUnsynced() {
        recordDurable = false;
    }

    /** Whether a power cut now would still find the record (as far as this process knows). */
    boolean recordDurable() {
        return recordDurable;
    }

    void recordMadeDurable() {
        recordDurable = true;
    }

    /** Replaces the current request's hold on big writes, closing the previous one. Writer thread only. */
    void bodyHold(SmallFirst.Hold hold) {
        if (bodyHold != null) {
            bodyHold.close();
        }
        bodyHold = hold;
    }

    public ObjectWriter writer() {
        return writer;
    }

    /**
     * Makes the staged bytes durable, if they are still staged: after a commit that failed,
     * possibly before its own sync, because the next {@code HEAD} reports their size as the offset.
     */
    void syncStaged() {
        try {
            if (writer.staged().isPresent()) {
                writer.sync();
            }
        } catch (IOException e) {
            LOG.warn("upload.part_sync_failed id={} error=\"{}\"", writer.id(), e.toString());
        } finally {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("upload.part_close_failed id={} error=\"{}\"", writer.id(), e.toString());
            }
        }
    }

    public SerialExecutor serial() {
        return serial;
    }

    /** Bytes durably received so far (the staged size before this process first touched it). */
    public long offset() throws IOException {
        long o = offset;
        if (o >= 0) {
            return o;
        }
        return writer.staged().orElse(0);
    }

    /**
     * Whether every declared byte is in and the upload is not finished: on disk here, or already
     * handed to the object store by a commit that never recorded its segment.
     */
    public boolean holdsAllBytes() throws IOException {
        UploadRecord r = record;
        return r.length() != null && !r.finished() && (offset() == r.length() || handedToStore());
    }

    /**
     * The commit handed the bytes to the object store (the record carries the digest they were
     * handed over with) but stopped before the segment was recorded: a crash, or a failed index
     * write. The bytes are safe under that digest; nothing is staged any more.
     */
    boolean handedToStore() throws IOException {
        UploadRecord r = record;
        return r.sha256() != null && r.state() == UploadRecord.State.RECEIVING && r.kind() != UploadRecord.Kind.PARTIAL
                && writer.staged().isEmpty();
    }

    /** Claims the upload for one PATCH; {@code false} if another request holds it. */
    public boolean tryLock() {
        return busy.compareAndSet(false, true);
    }

    public void unlock() {
        busy.set(false);
    }

    public boolean locked() {
        return busy.get();
    }

    /** Opens the staged bytes and rebuilds the digests from them. Writer thread only. */
    void load() throws IOException {
        if (loaded) {
            return;
        }
        long size = writer.open();
        loaded = true;
        sha256 = newDigest("SHA-256");
        sm3 = sm3Enabled ? new SM3Digest() : null;
        ByteBuffer buf = ByteBuffer.allocate(RECOMPUTE_BUFFER);
        long pos = 0;
        while (pos < size) {
            buf.clear();
            int n = writer.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            update(buf);
            pos += n;
        }
        offset = size;
    }

    /** Starts one PATCH; with a checksum, remembers where to roll back to. Writer thread only. */
    void begin(UploadChecksum checksum) throws IOException {
        load();
        request = new RequestState(offset, checksum, checksum == null ? null : newDigest(checksum.jcaName()),
                checksum == null ? null : clone(sha256), checksum == null || sm3 == null ? null : new SM3Digest(sm3));
    }

    /**
     * Appends a body piece at the current offset. Writer thread only. If the file refuses the
     * bytes, the in-memory state is dropped so the next request starts again from what the file
     * holds. Returns false, writing nothing, once such a failure has ended the request.
     */
    boolean append(ByteBuf piece) throws IOException {
        if (!loaded) {
            // An earlier piece of this request failed and dropped the file; the request has been
            // answered with that failure. Writing on would leave a hole, so the rest goes nowhere.
            return false;
        }
        ByteBuffer[] buffers = piece.nioBuffers();
        for (ByteBuffer b : buffers) {
            update(b.duplicate(), request == null ? null : request.digest);
        }
        try {
            writer.append(buffers);
        } catch (IOException e) {
            drop();
            throw e;
        }
        offset = writer.size();
        return true;
    }

    /**
     * Appends the staged bytes of a completed partial upload, hashing as it goes, then syncs.
     * Writer thread only (the partial is complete and nobody writes it).
     */
    void appendFrom(Upload partial) throws IOException {
        load();
        ObjectWriter source = partial.writer();
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(RECOMPUTE_BUFFER);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = source.read(buf, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
                buf.flip();
                update(buf.duplicate());
                writer.append(buf);
            }
            writer.sync();
        } catch (IOException e) {
            drop();
            throw e;
        } finally {
            source.close();
        }
        offset = writer.size();
    }

    /**
     * Ends a PATCH: fsync, then check its checksum. On mismatch the request's bytes are cut off
     * again and the digests rolled back, so the upload continues as if it never came.
     *
     * <p>With {@code commitFollows} (the request brought the last byte and the object store's
     * commit, which starts by syncing the staged bytes, runs next), the bytes are only flushed: a
     * second fdatasync of the same clean file would still cost a device cache flush.
     */
    void end(boolean interrupted, boolean commitFollows) throws IOException {
        RequestState r = request;
        request = null;
        if (!loaded) {
            return;
        }
        boolean mismatch = r != null && r.checksum != null
                && (interrupted || !Arrays.equals(r.digest.digest(), r.checksum.expected()));
        try {
            if (mismatch) {
                writer.truncate(r.start);
                offset = r.start;
                sha256 = r.sha256Before;
                sm3 = r.sm3Before;
            }
            if (commitFollows && !mismatch) {
                writer.flush();
            } else {
                writer.sync();
            }
        } catch (IOException e) {
            drop();
            throw e;
        }
        if (mismatch && !interrupted) {
            throw GatewayError.CHECKSUM_MISMATCH.exception();
        }
    }

    /** Finishes the digests over the whole file (leaving the running state intact). */
    Digests digests() {
        String sm3Hex = null;
        if (sm3 != null) {
            SM3Digest copy = new SM3Digest(sm3);
            byte[] out = new byte[copy.getDigestSize()];
            copy.doFinal(out, 0);
            sm3Hex = HexFormat.of().formatHex(out);
        }
        return new Digests(clone(sha256).digest(), sm3Hex);
    }

    void close() {
        if (loaded) {
            try {
                writer.close();
            } catch (IOException e) {
                // callers sync before closing; a close error changes nothing staged
            }
            loaded = false;
        }
        scratch = null;
        offset = -1;
    }

    /**
     * Forgets the in-memory state after a failed write or sync: the next request reopens the file
     * and takes its offset and digests from the bytes it holds. What this request appended may or
     * may not be among them, which is what the tus client finds out with HEAD.
     */
    private void drop() {
        try {
            writer.sync();
        } catch (IOException e) {
            // already failing; the staging keeps whatever the disk took
        }
        close();
    }

    private void update(ByteBuffer b) {
        update(b, null);
    }

    /** Feeds {@code b} to the running digests and, if given, the request's checksum digest. */
    private void update(ByteBuffer b, MessageDigest requestDigest) {
        if (b.hasArray()) {
            digest(b.array(), b.arrayOffset() + b.position(), b.remaining(), requestDigest);
            b.position(b.limit());
            return;
        }
        if (scratch == null) {
            scratch = new byte[HASH_SCRATCH];
        }
        while (b.hasRemaining()) {
            int n = Math.min(scratch.length, b.remaining());
            b.get(scratch, 0, n);
            digest(scratch, 0, n, requestDigest);
        }
    }

    private void digest(byte[] bytes, int from, int length, MessageDigest requestDigest) {
        sha256.update(bytes, from, length);
        if (sm3 != null) {
            sm3.update(bytes, from, length);
        }
        if (requestDigest != null) {
            requestDigest.update(bytes, from, length);
        }
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by the JDK", e);
        }
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's digests are cloneable", e);
        }
    }

    /** The whole-file digests at completion. */
    record Digests(byte[] sha256, String sm3Hex) {
    }

    private record RequestState(long start, UploadChecksum checksum, MessageDigest digest,
            MessageDigest sha256Before, SM3Digest sm3Before) {
    }
}
