package io.camvault.vault.store.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The local half of a store's writer: one write's part file in a {@link StagingArea}, opened on
 * first use, appended to, synced, cut back, re-read. Stores wrap it and add how they publish.
 * Single-threaded like the writer it serves.
 */
public final class StagedFile implements AutoCloseable {
    private final StagingArea area;
    private final String id;
    private PartFile file;
    private FileChannel reader;

    public StagedFile(StagingArea area, String id) {
        this.area = area;
        this.id = id;
        area.part(id); // validates the id
    }

    public String id() {
        return id;
    }

    public StagingArea area() {
        return area;
    }

    public OptionalLong staged() throws IOException {
        return area.size(id);
    }

    public void create() throws IOException {
        Files.createFile(area.part(id));
    }

    public long open() throws IOException {
        if (file == null) {
            file = area.open(id);
        }
        return file.size();
    }

    public boolean isOpen() {
        return file != null;
    }

    public long size() throws IOException {
        return open();
    }

    public void append(ByteBuffer... sources) throws IOException {
        open();
        file.append(sources);
    }

    /** Synced bytes at {@code position}: through the open file, else through a read-only handle. */
    public int read(ByteBuffer target, long position) throws IOException {
        if (file != null) {
            return file.read(target, position);
        }
        if (reader == null) {
            reader = FileChannel.open(area.part(id), StandardOpenOption.READ);
        }
        return reader.read(target, position);
    }

    public void flush() throws IOException {
        if (file != null) {
            file.flush();
        }
    }

    public void sync() throws IOException {
        open();
        file.sync();
    }

    public void truncate(long length) throws IOException {
        open();
        file.truncate(length);
    }

    /** Deletes the part file (closing it first) and the given sidecars. */
    public void delete(String... sidecars) throws IOException {
        close();
        area.delete(id, sidecars);
    }

    /** Whether the part file still exists. */
    public boolean exists() {
        return Files.exists(area.part(id));
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                failure = e;
            }
            file = null;
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            reader = null;
        }
        if (failure != null && !(failure instanceof NoSuchFileException)) {
            throw failure;
        }
    }
}
