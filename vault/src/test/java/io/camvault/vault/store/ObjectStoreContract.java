package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ObjectStore} must do; run against the file store and the in-memory twin. */
abstract class ObjectStoreContract {
    private static final AtomicInteger STAGED = new AtomicInteger();

    @TempDir
    Path dir;
    ObjectStore store;

    /** Opens a store that verifies digests on commit. */
    abstract ObjectStore open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    Path stage(byte[] bytes) throws IOException {
        return Files.write(store.stagingDir().resolve("upload-" + STAGED.incrementAndGet() + ".bin"), bytes);
    }

    static byte[] readAll(SeekableByteChannel ch) throws IOException {
        try (ch) {
            ByteBuffer buffer = ByteBuffer.allocate((int) ch.size());
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // keep reading until full
            }
            return buffer.array();
        }
    }

    byte[] contentOf(Sha256 sha256) throws IOException {
        return readAll(store.openRead(sha256));
    }

    @Test
    void putStoresBytesUnderTheirSha256() throws IOException {
        byte[] bytes = "footage".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = store.put(new ByteArrayInputStream(bytes));

        assertThat(stored).isEqualTo(new StoredObject(Digests.sha256(bytes), bytes.length));
        assertThat(store.stat(stored.sha256())).contains(stored);
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void putOfAnEmptyStreamStoresTheEmptyObject() throws IOException {
        StoredObject stored = store.put(new ByteArrayInputStream(new byte[0]));

        assertThat(stored.sha256().hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(stored.size()).isZero();
        assertThat(contentOf(stored.sha256())).isEmpty();
    }

    @Test
    void putOfContentLargerThanTheBufferKeepsEveryByte() throws IOException {
        byte[] bytes = randomBytes(3 * Digests.BUFFER_BYTES + 7, 1);

        StoredObject stored = store.put(new ByteArrayInputStream(bytes));

        assertThat(stored.sha256()).isEqualTo(Digests.sha256(bytes));
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void commitMovesTheStagedFileIntoTheStore() throws IOException {
        byte[] bytes = randomBytes(10_000, 2);
        Path staged = stage(bytes);

        StoredObject stored = store.commit(staged, Digests.sha256(bytes), bytes.length);

        assertThat(stored).isEqualTo(new StoredObject(Digests.sha256(bytes), bytes.length));
        assertThat(staged).doesNotExist();
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void anAbsentObjectHasNoStatAndCannotBeOpened() {
        Sha256 absent = Digests.sha256(new byte[] {42});

        assertThat(store.stat(absent)).isEmpty();
        assertThat(store.localFile(absent)).isEmpty();
        assertThatThrownBy(() -> store.openRead(absent))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void committingTheSameBytesAgainAnswersTheExistingObject() throws IOException {
        byte[] bytes = randomBytes(5_000, 3);
        Sha256 digest = Digests.sha256(bytes);
        StoredObject first = store.commit(stage(bytes), digest, bytes.length);
        Path again = stage(bytes);

        StoredObject second = store.commit(again, digest, bytes.length);
        StoredObject third = store.put(new ByteArrayInputStream(bytes));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(again).as("the duplicate staged file is removed").doesNotExist();
        assertThat(contentOf(digest)).isEqualTo(bytes);
    }

    @Test
    void aSizeMismatchIsAnIntegrityFailureAndStoresNothing() throws IOException {
        byte[] bytes = randomBytes(1_000, 4);
        Sha256 digest = Digests.sha256(bytes);
        Path staged = stage(bytes);

        assertThatThrownBy(() -> store.commit(staged, digest, bytes.length + 1))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("size mismatch", digest.hex());
                });
        assertThat(store.stat(digest)).isEmpty();
        assertThat(staged).as("left for the caller").exists();
    }

    @Test
    void aDigestMismatchIsAnIntegrityFailureAndStoresNothing() throws IOException {
        byte[] bytes = randomBytes(1_000, 5);
        Sha256 claimed = Digests.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
        Path staged = stage(bytes);

        assertThatThrownBy(() -> store.commit(staged, claimed, bytes.length))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("digest mismatch", claimed.hex(), Digests.sha256(bytes).hex());
                });
        assertThat(store.stat(claimed)).isEmpty();
        assertThat(store.stat(Digests.sha256(bytes))).isEmpty();
        assertThat(staged).as("left for the caller").exists();
        assertThat(Files.readAllBytes(staged)).isEqualTo(bytes);
    }

    @Test
    void aDigestMismatchAgainstAnExistingObjectLeavesItUnchanged() throws IOException {
        byte[] original = randomBytes(1_000, 6);
        StoredObject stored = store.put(new ByteArrayInputStream(original));
        byte[] forged = randomBytes(1_000, 7);

        assertThatThrownBy(() -> store.commit(stage(forged), stored.sha256(), forged.length))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
        assertThat(contentOf(stored.sha256())).isEqualTo(original);
    }

    @Test
    void purgeRemovesTheObjectOnce() throws IOException {
        StoredObject stored = store.put(new ByteArrayInputStream(randomBytes(2_000, 8)));
        ObjectPurger purger = (ObjectPurger) store;

        assertThat(purger.purge(stored.sha256())).isTrue();
        assertThat(store.stat(stored.sha256())).isEmpty();
        assertThat(purger.purge(stored.sha256())).isFalse();
        assertThatThrownBy(() -> store.openRead(stored.sha256())).isInstanceOf(VaultException.class);
    }

    @Test
    void aReadChannelCannotWrite() throws IOException {
        byte[] bytes = randomBytes(100, 9);
        StoredObject stored = store.put(new ByteArrayInputStream(bytes));

        try (SeekableByteChannel ch = store.openRead(stored.sha256())) {
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[] {1}))).isInstanceOf(NonWritableChannelException.class);
            assertThatThrownBy(() -> ch.truncate(0)).isInstanceOf(NonWritableChannelException.class);
            ch.position(90);
            ByteBuffer tail = ByteBuffer.allocate(20);
            assertThat(ch.read(tail)).isEqualTo(10);
        }
        assertThat(contentOf(stored.sha256())).isEqualTo(bytes);
    }

    @Test
    void aRetriedCommitWhoseStagedFileWasConsumedAnswersTheObject() throws IOException {
        byte[] bytes = randomBytes(3_000, 10);
        Sha256 digest = Digests.sha256(bytes);
        Path staged = stage(bytes);
        StoredObject first = store.commit(staged, digest, bytes.length);

        assertThat(store.commit(staged, digest, bytes.length)).isEqualTo(first);
        Sha256 unknown = Digests.sha256(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> store.commit(store.stagingDir().resolve("never-written"), unknown, 3))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void concurrentCommitsOfTheSameBytesAllSucceedWithOneObject() throws Exception {
        byte[] bytes = randomBytes(200_000, 11);
        Sha256 digest = Digests.sha256(bytes);
        int writers = 8;
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            staged.add(stage(bytes));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<StoredObject>> results = new ArrayList<>();
            for (Path p : staged) {
                Callable<StoredObject> commit = () -> store.commit(p, digest, bytes.length);
                results.add(pool.submit(commit));
            }
            for (Future<StoredObject> result : results) {
                assertThat(result.get()).isEqualTo(new StoredObject(digest, bytes.length));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(staged).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(contentOf(digest)).isEqualTo(bytes);
    }
}
