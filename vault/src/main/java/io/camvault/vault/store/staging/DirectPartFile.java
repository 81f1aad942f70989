package io.camvault.vault.store.staging;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A partial file written with direct I/O. Appended bytes are gathered in a block-aligned staging
 * buffer (one per writer thread) and written in whole blocks straight to the disk; the unaligned
 * end, fewer than one block of bytes, stays in memory until the next append completes its block or
 * until {@link #sync()} writes it through the page cache. A later direct write of that block
 * replaces the cached copy (the kernel writes back and drops cached pages a direct write covers).
 *
 * <p>After a crash the file holds every synced byte, possibly followed by whole blocks that were
 * written but never acknowledged; the upload's offset is then the file's size, as for a buffered
 * file.
 */
final class DirectPartFile implements PartFile {
    /**
     * Bytes gathered per direct write at most; one staging buffer of this size per writer thread.
     * Twice a body batch (BodyExchange hands on about 1 MiB plus at most one 64 KiB decoder piece),
     * so a batch and the tail before it go to the disk in one call, which the kernel splits into
     * requests it queues together. With 1 MiB, about one batch in nine became a full write and then,
     * once that had completed, a small one for the rest (strace, 4 x 64 MiB: 287 writes, 31 of them
     * under 128 KiB).
     */
    static final int STAGING_BYTES = 2 << 20;
    private static final int STAGING_SLACK = 64 * 1024;
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES + STAGING_SLACK));

    private final FileChannel direct;
    private final FileChannel plain;
    private final int align;
    /** The last {@code tailLength} appended bytes, which start at a block boundary of the file. */
    private final byte[] tail;
    private int tailLength;
    private long size;

    private DirectPartFile(FileChannel direct, FileChannel plain, int align) throws IOException {
        this.direct = direct;
        this.plain = plain;
        this.align = align;
        this.tail = new byte[align];
        this.size = plain.size();
        loadTail();
    }

    static DirectPartFile open(Path path, int align) throws IOException {
        FileChannel plain = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileChannel direct = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            try {
                return new DirectPartFile(direct, plain, align);
            } catch (IOException | RuntimeException e) {
                direct.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void append(ByteBuffer... sources) throws IOException {
        ByteBuffer stage = STAGING.get().clear().alignedSlice(align);
        stage.limit(STAGING_BYTES);
        stage.put(tail, 0, tailLength);
        long at = size - tailLength;
        for (ByteBuffer src : sources) {
            while (src.hasRemaining()) {
                int n = Math.min(stage.remaining(), src.remaining());
                stage.put(src.slice(src.position(), n));
                src.position(src.position() + n);
                if (!stage.hasRemaining()) {
                    at = writeWholeBlocks(stage, at);
                }
            }
        }
        at = writeWholeBlocks(stage, at);
        size = at + tailLength;
    }

    /**
     * Writes the whole blocks gathered in {@code stage} at {@code at} (a block boundary), keeps the
     * rest as the tail and empties the stage. Returns the file position after the blocks.
     */
    private long writeWholeBlocks(ByteBuffer stage, long at) throws IOException {
        stage.flip();
        int gathered = stage.limit();
        int whole = gathered - gathered % align;
        stage.limit(whole);
        long pos = at;
        while (stage.hasRemaining()) {
            pos += direct.write(stage, pos);
        }
        stage.limit(gathered);
        tailLength = gathered - whole;
        stage.get(tail, 0, tailLength);
        stage.clear();
        stage.limit(STAGING_BYTES);
        return pos;
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return plain.read(target, position);
    }

    /** Writes the unaligned tail through the page cache; the whole blocks are on disk already. */
    @Override
    public void flush() throws IOException {
        ByteBuffer t = ByteBuffer.wrap(tail, 0, tailLength);
        long pos = size - tailLength;
        while (t.hasRemaining()) {
            pos += plain.write(t, pos);
        }
    }

    @Override
    public void sync() throws IOException {
        flush();
        plain.force(false);
    }

    @Override
    public void truncate(long length) throws IOException {
        plain.truncate(length);
        size = length;
        loadTail();
    }

    /** Reads the file's unaligned end into {@link #tail}, so the next append can complete its block. */
    private void loadTail() throws IOException {
        long start = size - size % align;
        tailLength = (int) (size - start);
        ByteBuffer t = ByteBuffer.wrap(tail, 0, tailLength);
        while (t.hasRemaining()) {
            if (plain.read(t, start + t.position()) < 0) {
                throw new EOFException("partial file shorter than " + size + " bytes");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            direct.close();
        } finally {
            plain.close();
        }
    }
}
