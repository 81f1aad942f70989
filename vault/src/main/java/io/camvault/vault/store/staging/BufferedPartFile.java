package io.camvault.vault.store.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A partial file written through the page cache: every append goes to the file at once. */
final class BufferedPartFile implements PartFile {
    private final FileChannel channel;
    private long size;

    private BufferedPartFile(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    static BufferedPartFile open(Path path) throws IOException {
        return new BufferedPartFile(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void append(ByteBuffer... sources) throws IOException {
        for (ByteBuffer b : sources) {
            while (b.hasRemaining()) {
                size += channel.write(b, size);
            }
        }
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return channel.read(target, position);
    }

    /** Every appended byte is already in the file (in the page cache). */
    @Override
    public void flush() {
    }

    @Override
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void truncate(long length) throws IOException {
        channel.truncate(length);
        size = length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
