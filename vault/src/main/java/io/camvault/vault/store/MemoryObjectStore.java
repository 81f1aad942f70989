package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory twin of {@link FileObjectStore}, for tests: same contract, objects held as byte
 * arrays. It always re-hashes on commit (it reads the staged bytes anyway), and like the file store
 * it leaves the staged file in place when the size or digest does not match.
 */
public final class MemoryObjectStore implements ObjectStore, ObjectPurger {
    private final Path stagingDir;
    private final ConcurrentMap<Sha256, byte[]> objects = new ConcurrentHashMap<>();

    /** {@code stagingDir} must exist; the test owns it and removes it. */
    public MemoryObjectStore(Path stagingDir) {
        this.stagingDir = Objects.requireNonNull(stagingDir, "stagingDir");
    }

    @Override
    public Path stagingDir() {
        return stagingDir;
    }

    @Override
    public StoredObject commit(Path staged, Sha256 digest, long size) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(staged);
        } catch (NoSuchFileException e) {
            // Same answer as the file store for a commit retried after its staged file was consumed.
            return stat(digest).filter(o -> o.size() == size).orElseThrow(() -> new VaultException(Kind.NOT_FOUND,
                    "staged file " + staged + " does not exist and no object sha256=" + digest.hex() + " is stored", e));
        } catch (IOException e) {
            throw new VaultException(Kind.IO, "cannot read staged file " + staged + ": " + e.getMessage(), e);
        }
        if (bytes.length != size) {
            throw new VaultException(Kind.INTEGRITY, "size mismatch for sha256=" + digest.hex() + ": declared " + size
                    + " bytes, staged file has " + bytes.length + "; nothing was stored");
        }
        Sha256 actual = Digests.sha256(bytes);
        if (!actual.equals(digest)) {
            throw new VaultException(Kind.INTEGRITY, "digest mismatch: declared sha256=" + digest.hex()
                    + ", staged bytes hash to " + actual.hex() + "; nothing was stored");
        }
        objects.putIfAbsent(digest, bytes);
        try {
            Files.delete(staged);
        } catch (IOException e) {
            throw new VaultException(Kind.IO, "cannot delete staged file " + staged + ": " + e.getMessage(), e);
        }
        return new StoredObject(digest, size);
    }

    @Override
    public StoredObject put(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new VaultException(Kind.IO, "put failed while reading the stream: " + e.getMessage(), e);
        }
        Sha256 digest = Digests.sha256(bytes);
        objects.putIfAbsent(digest, bytes);
        return new StoredObject(digest, bytes.length);
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        byte[] bytes = objects.get(sha256);
        return bytes == null ? Optional.empty() : Optional.of(new StoredObject(sha256, bytes.length));
    }

    @Override
    public SeekableByteChannel openRead(Sha256 sha256) {
        byte[] bytes = objects.get(sha256);
        if (bytes == null) {
            throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex());
        }
        return new ReadOnlyBytesChannel(bytes);
    }

    @Override
    public Optional<Path> localFile(Sha256 sha256) {
        return Optional.empty();
    }

    @Override
    public boolean purge(Sha256 sha256) {
        return objects.remove(sha256) != null;
    }

    @Override
    public void close() {
    }

    /** A read-only view of an object's bytes; writing fails as it does on a read-only FileChannel. */
    private static final class ReadOnlyBytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        ReadOnlyBytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        private void ensureOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }
}
