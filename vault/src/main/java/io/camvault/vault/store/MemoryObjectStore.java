package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The in-memory twin of the real stores, for tests: same contract, objects and staged writes held
 * as byte arrays. It always re-hashes on commit. {@link #enforcing} makes it a model of a store
 * that enforces retention (as S3 Object Lock in COMPLIANCE mode does): retain-until only grows,
 * a purge is refused while the object is locked or held.
 */
public final class MemoryObjectStore implements ObjectStore, ObjectPurger {
    private final ConcurrentMap<Sha256, byte[]> objects = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Staged> writes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Sha256, Protection> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store with no retention control, like the file store. */
    public MemoryObjectStore() {
        this.clock = null;
    }

    private MemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** A store that enforces retention and legal holds against {@code clock}. */
    public static MemoryObjectStore enforcing(Clock clock) {
        return new MemoryObjectStore(clock);
    }

    @Override
    public String describe() {
        return clock == null ? "memory store" : "memory store (enforcing retention)";
    }

    @Override
    public ObjectWriter writer(String writeId) {
        if (!ObjectWriter.ID.matcher(writeId).matches()) {
            throw new IllegalArgumentException("bad write id");
        }
        return new Writer(writeId);
    }

    @Override
    public int removeAbandonedWrites(Instant cutoff, Predicate<String> keep) {
        int removed = 0;
        for (String id : writes.keySet()) {
            if (!keep.test(id) && writes.remove(id) != null) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        byte[] bytes = objects.get(sha256);
        return bytes == null ? Optional.empty() : Optional.of(new StoredObject(sha256, bytes.length));
    }

    @Override
    public ObjectReader open(Sha256 sha256) {
        byte[] bytes = objects.get(sha256);
        if (bytes == null) {
            throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex());
        }
        return new ObjectReader() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(target.remaining(), bytes.length - position);
                target.put(bytes, (int) position, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Optional<RetentionControl> retentionControl() {
        return clock == null ? Optional.empty() : Optional.of(new Control());
    }

    @Override
    public Optional<ObjectPurger> purger() {
        return Optional.of(this);
    }

    @Override
    public PurgeOutcome purge(Sha256 sha256) {
        Protection lock = locks.get(sha256);
        if (clock != null && lock != null && objects.containsKey(sha256)) {
            if (lock.legalHold()) {
                return PurgeOutcome.refused("legal hold");
            }
            if (lock.permanent() || lock.retainUntil().isAfter(clock.instant())) {
                return PurgeOutcome.refused("locked until " + (lock.permanent() ? "permanent" : lock.retainUntil()));
            }
        }
        locks.remove(sha256);
        return objects.remove(sha256) != null ? PurgeOutcome.REMOVED : PurgeOutcome.ABSENT;
    }

    /** The protection the store holds for an object (tests). */
    public Optional<Protection> lock(Sha256 sha256) {
        return Optional.ofNullable(locks.get(sha256));
    }

    @Override
    public void close() {
    }

    private StoredObject publish(Staged staged, ObjectCommit c) {
        byte[] bytes = staged == null ? null : staged.bytes();
        if (bytes == null) {
            // Same answer as the file store for a commit retried after its staged bytes were consumed.
            return stat(c.sha256()).filter(o -> o.size() == c.size()).map(o -> protectAt(o, c.protection()))
                    .orElseThrow(() -> new VaultException(Kind.NOT_FOUND,
                            "nothing staged and no object sha256=" + c.sha256().hex() + " is stored"));
        }
        if (bytes.length != c.size()) {
            throw new VaultException(Kind.INTEGRITY, "size mismatch for sha256=" + c.sha256().hex() + ": declared "
                    + c.size() + " bytes, staged " + bytes.length + "; nothing was stored");
        }
        Sha256 actual = Digests.sha256(bytes);
        if (!actual.equals(c.sha256())) {
            throw new VaultException(Kind.INTEGRITY, "digest mismatch: declared sha256=" + c.sha256().hex()
                    + ", staged bytes hash to " + actual.hex() + "; nothing was stored");
        }
        byte[] existing = objects.putIfAbsent(c.sha256(), bytes);
        if (existing != null && existing.length != bytes.length) {
            throw new VaultException(Kind.INTEGRITY, "object sha256=" + c.sha256().hex() + " exists with another size");
        }
        return protectAt(new StoredObject(c.sha256(), bytes.length), c.protection());
    }

    private StoredObject protectAt(StoredObject o, Protection p) {
        if (clock != null) {
            locks.merge(o.sha256(), p, Protection::union);
        }
        return o;
    }

    private final class Control implements RetentionControl {
        @Override
        public void protect(Sha256 sha256, Protection p) {
            if (!objects.containsKey(sha256)) {
                throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex());
            }
            locks.merge(sha256, p, Protection::union);
        }

        @Override
        public void releaseHold(Sha256 sha256) {
            locks.computeIfPresent(sha256, (k, p) -> new Protection(p.retainUntil(), false));
        }

        @Override
        public Protection protection(Sha256 sha256) {
            if (!objects.containsKey(sha256)) {
                throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex());
            }
            return locks.getOrDefault(sha256, Protection.NONE);
        }
    }

    /** A write's staged bytes: {@code length} valid bytes of {@code buffer}. */
    private static final class Staged {
        private byte[] buffer = new byte[64];
        private int length;

        synchronized void append(ByteBuffer src) {
            int n = src.remaining();
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(length + n, buffer.length * 2));
            }
            src.get(buffer, length, n);
            length += n;
        }

        synchronized byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        synchronized int length() {
            return length;
        }

        synchronized void truncate(long to) {
            length = (int) Math.min(length, to);
        }

        synchronized int read(ByteBuffer target, long position) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(target.remaining(), length - position);
            target.put(buffer, (int) position, n);
            return n;
        }
    }

    private final class Writer implements ObjectWriter {
        private final String id;

        Writer(String id) {
            this.id = id;
        }

        private Staged buffer() {
            return writes.computeIfAbsent(id, k -> new Staged());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public OptionalLong staged() {
            Staged s = writes.get(id);
            return s == null ? OptionalLong.empty() : OptionalLong.of(s.length());
        }

        @Override
        public void create() throws IOException {
            if (writes.putIfAbsent(id, new Staged()) != null) {
                throw new java.nio.file.FileAlreadyExistsException(id);
            }
        }

        @Override
        public long open() {
            return buffer().length();
        }

        @Override
        public long size() {
            return buffer().length();
        }

        @Override
        public void append(ByteBuffer... sources) {
            Staged s = buffer();
            for (ByteBuffer b : sources) {
                s.append(b);
            }
        }

        @Override
        public int read(ByteBuffer target, long position) {
            return buffer().read(target, position);
        }

        @Override
        public void flush() {
        }

        @Override
        public void sync() {
        }

        @Override
        public void truncate(long length) {
            buffer().truncate(length);
        }

        @Override
        public StoredObject commit(ObjectCommit commit) {
            StoredObject o = publish(writes.get(id), commit);
            writes.remove(id);
            return o;
        }

        @Override
        public void discard() {
            writes.remove(id);
        }

        @Override
        public void close() {
        }
    }
}
