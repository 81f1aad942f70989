package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} must do through the seam alone: writers that stage, commit
 * (idempotently, deduplicating by hash), and discard; readers with positional reads; purge. Run
 * against the file store, the in-memory twin and (with a cluster) the S3 store.
 */
public abstract class ObjectStoreContract {
    protected static final Protection ROUTINE = new Protection(Instant.parse("2030-01-01T00:00:00Z"), false);

    @TempDir
    protected Path dir;
    protected ObjectStore store;

    /** Opens a store that verifies digests on commit. */
    protected abstract ObjectStore open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A writer holding {@code bytes}, synced, appended in pieces of at most {@code piece} bytes. */
    protected ObjectWriter stage(byte[] bytes, int piece) throws IOException {
        ObjectWriter w = store.writer("w-" + UUID.randomUUID());
        w.create();
        for (int at = 0; at < bytes.length; at += piece) {
            w.append(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)));
        }
        w.sync();
        return w;
    }

    protected ObjectWriter stage(byte[] bytes) throws IOException {
        return stage(bytes, 64 * 1024);
    }

    protected static ObjectCommit commitOf(byte[] bytes) {
        return new ObjectCommit(Digests.sha256(bytes), bytes.length, null, ROUTINE, null);
    }

    protected byte[] contentOf(Sha256 sha256) throws IOException {
        try (ObjectReader r = store.open(sha256); InputStream in = r.stream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void putStoresBytesUnderTheirSha256() throws IOException {
        byte[] bytes = "footage".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = store.put(new ByteArrayInputStream(bytes), ROUTINE);

        assertThat(stored.sha256()).isEqualTo(Digests.sha256(bytes));
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(store.stat(stored.sha256()).map(StoredObject::size)).contains((long) bytes.length);
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void putOfAnEmptyStreamStoresTheEmptyObject() throws IOException {
        StoredObject stored = store.put(new ByteArrayInputStream(new byte[0]), ROUTINE);

        assertThat(stored.sha256().hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(stored.size()).isZero();
        assertThat(contentOf(stored.sha256())).isEmpty();
    }

    @Test
    void putOfContentLargerThanTheBufferKeepsEveryByte() throws IOException {
        byte[] bytes = randomBytes(3 * Digests.BUFFER_BYTES + 7, 1);

        StoredObject stored = store.put(new ByteArrayInputStream(bytes), ROUTINE);

        assertThat(stored.sha256()).isEqualTo(Digests.sha256(bytes));
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void aWriterStagesAppendsAndCommitsThemUnderTheirHash() throws IOException {
        byte[] bytes = randomBytes(10_000, 2);
        ObjectWriter w = stage(bytes, 777);
        assertThat(w.staged()).hasValue(bytes.length);

        StoredObject stored = w.commit(commitOf(bytes));

        assertThat(stored.sha256()).isEqualTo(Digests.sha256(bytes));
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(w.staged()).as("nothing staged once handed over").isEmpty();
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void stagedBytesReadBackAndATruncateRollsThemBack() throws IOException {
        byte[] first = randomBytes(5_000, 12);
        ObjectWriter w = stage(first);
        w.append(ByteBuffer.wrap(randomBytes(3_000, 13)));
        w.truncate(first.length);
        w.sync();

        ByteBuffer back = ByteBuffer.allocate(first.length + 10);
        long pos = 0;
        for (int n; (n = w.read(back, pos)) > 0; ) {
            pos += n;
        }
        assertThat(pos).isEqualTo(first.length);
        assertThat(java.util.Arrays.copyOf(back.array(), first.length)).isEqualTo(first);
        assertThat(w.commit(commitOf(first)).sha256()).isEqualTo(Digests.sha256(first));
    }

    @Test
    void aWriterReopenedByItsIdContinuesWhereItWas() throws IOException {
        byte[] bytes = randomBytes(9_000, 14);
        String id = "resume-" + UUID.randomUUID();
        ObjectWriter w = store.writer(id);
        w.create();
        w.append(ByteBuffer.wrap(bytes, 0, 4_000));
        w.sync();
        w.close();

        ObjectWriter again = store.writer(id);
        assertThat(again.staged()).hasValue(4_000);
        assertThat(again.open()).isEqualTo(4_000);
        again.append(ByteBuffer.wrap(bytes, 4_000, 5_000));
        again.sync();

        assertThat(again.commit(commitOf(bytes)).size()).isEqualTo(bytes.length);
        assertThat(contentOf(Digests.sha256(bytes))).isEqualTo(bytes);
    }

    @Test
    void aDiscardedWriteLeavesNothing() throws IOException {
        byte[] bytes = randomBytes(2_000, 15);
        ObjectWriter w = stage(bytes);

        w.discard();

        assertThat(w.staged()).isEmpty();
        assertThat(store.stat(Digests.sha256(bytes))).isEmpty();
    }

    @Test
    void anAbsentObjectHasNoStatAndCannotBeOpened() {
        Sha256 absent = Digests.sha256(new byte[] {42});

        assertThat(store.stat(absent)).isEmpty();
        assertThat(store.localFiles().flatMap(l -> l.localFile(absent))).isEmpty();
        assertThatThrownBy(() -> store.open(absent))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void committingTheSameBytesAgainAnswersTheExistingObject() throws IOException {
        byte[] bytes = randomBytes(5_000, 3);
        StoredObject first = stage(bytes).commit(commitOf(bytes));
        ObjectWriter again = stage(bytes);

        StoredObject second = again.commit(commitOf(bytes));
        StoredObject third = store.put(new ByteArrayInputStream(bytes), ROUTINE);

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(third.sha256()).isEqualTo(first.sha256());
        assertThat(again.staged()).as("the duplicate staged bytes are released").isEmpty();
        assertThat(contentOf(first.sha256())).isEqualTo(bytes);
    }

    @Test
    void aSizeMismatchIsAnIntegrityFailureAndStoresNothing() throws IOException {
        byte[] bytes = randomBytes(1_000, 4);
        Sha256 digest = Digests.sha256(bytes);
        ObjectWriter w = stage(bytes);

        assertThatThrownBy(() -> w.commit(new ObjectCommit(digest, bytes.length + 1, null, ROUTINE, null)))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("size mismatch", digest.hex());
                });
        assertThat(store.stat(digest)).isEmpty();
        assertThat(w.staged()).as("left for the caller").hasValue(bytes.length);
    }

    @Test
    void aDigestMismatchIsAnIntegrityFailureAndStoresNothing() throws IOException {
        byte[] bytes = randomBytes(1_000, 5);
        Sha256 claimed = Digests.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
        ObjectWriter w = stage(bytes);

        assertThatThrownBy(() -> w.commit(new ObjectCommit(claimed, bytes.length, null, ROUTINE, null)))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("digest mismatch", claimed.hex(), Digests.sha256(bytes).hex());
                });
        assertThat(store.stat(claimed)).isEmpty();
        assertThat(store.stat(Digests.sha256(bytes))).isEmpty();
        assertThat(w.staged()).as("left for the caller").hasValue(bytes.length);
    }

    @Test
    void aDigestMismatchAgainstAnExistingObjectLeavesItUnchanged() throws IOException {
        byte[] original = randomBytes(1_000, 6);
        StoredObject stored = store.put(new ByteArrayInputStream(original), ROUTINE);
        byte[] forged = randomBytes(1_000, 7);

        assertThatThrownBy(() -> stage(forged).commit(new ObjectCommit(stored.sha256(), forged.length, null, ROUTINE,
                null))).isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
        assertThat(contentOf(stored.sha256())).isEqualTo(original);
    }

    @Test
    void purgeRemovesTheObjectOnce() throws IOException {
        StoredObject stored = store.put(new ByteArrayInputStream(randomBytes(2_000, 8)), Protection.NONE);
        ObjectPurger purger = store.purger().orElseThrow();

        assertThat(purger.purge(stored.sha256())).isEqualTo(PurgeOutcome.REMOVED);
        assertThat(store.stat(stored.sha256())).isEmpty();
        assertThat(purger.purge(stored.sha256())).isEqualTo(PurgeOutcome.ABSENT);
        assertThatThrownBy(() -> store.open(stored.sha256())).isInstanceOf(VaultException.class);
    }

    @Test
    void positionalReadsReturnTheBytesAtThatPosition() throws IOException {
        byte[] bytes = randomBytes(100, 9);
        StoredObject stored = store.put(new ByteArrayInputStream(bytes), ROUTINE);

        try (ObjectReader r = store.open(stored.sha256())) {
            assertThat(r.size()).isEqualTo(100);
            ByteBuffer tail = ByteBuffer.allocate(20);
            assertThat(r.read(tail, 90)).isEqualTo(10);
            assertThat(java.util.Arrays.copyOf(tail.array(), 10)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 90, 100));
            assertThat(r.read(ByteBuffer.allocate(5), 100)).isEqualTo(-1);
            try (InputStream middle = r.stream(40, 20)) {
                assertThat(middle.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 40, 60));
            }
        }
    }

    @Test
    void aRetriedCommitWhoseStagedBytesWereConsumedAnswersTheObject() throws IOException {
        byte[] bytes = randomBytes(3_000, 10);
        ObjectWriter w = stage(bytes);
        StoredObject first = w.commit(commitOf(bytes));

        assertThat(w.commit(commitOf(bytes)).sha256()).isEqualTo(first.sha256());
        ObjectWriter never = store.writer("never-written");
        assertThatThrownBy(() -> never.commit(commitOf(new byte[] {1, 2, 3})))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void abandonedWritesAreRemovedUnlessClaimed() throws IOException {
        ObjectWriter kept = stage(randomBytes(100, 16));
        ObjectWriter orphan = stage(randomBytes(100, 17));

        int removed = store.removeAbandonedWrites(Instant.now().plusSeconds(60), id -> id.equals(kept.id()));

        assertThat(removed).isEqualTo(1);
        assertThat(kept.staged()).isPresent();
        assertThat(orphan.staged()).isEmpty();
    }

    @Test
    void concurrentCommitsOfTheSameBytesAllSucceedWithOneObject() throws Exception {
        byte[] bytes = randomBytes(200_000, 11);
        Sha256 digest = Digests.sha256(bytes);
        int writers = 8;
        List<ObjectWriter> staged = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            staged.add(stage(bytes));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<StoredObject>> results = new ArrayList<>();
            for (ObjectWriter w : staged) {
                Callable<StoredObject> commit = () -> w.commit(commitOf(bytes));
                results.add(pool.submit(commit));
            }
            for (Future<StoredObject> result : results) {
                assertThat(result.get().sha256()).isEqualTo(digest);
                assertThat(result.get().size()).isEqualTo(bytes.length);
            }
        } finally {
            pool.shutdownNow();
        }
        for (ObjectWriter w : staged) {
            assertThat(w.staged()).isEmpty();
        }
        assertThat(contentOf(digest)).isEqualTo(bytes);
    }
}
