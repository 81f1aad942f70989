package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the directory-tree store: layout, permissions, restart, verifyOnCommit. */
class FileObjectStoreTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void objectsLiveUnderTheirHashSplitByItsFirstTwoBytes() {
        try (FileObjectStore store = new FileObjectStore(dir)) {
            StoredObject stored = store.put(new ByteArrayInputStream(bytes("clip")));
            String hex = stored.sha256().hex();

            assertThat(store.localFile(stored.sha256()))
                    .contains(dir.toAbsolutePath().resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex));
            assertThat(store.stagingDir()).isEqualTo(dir.toAbsolutePath().resolve("staging")).isDirectory();
        }
    }

    @Test
    void aCommittedObjectIsReadableByOwnerAndGroupAndWritableByNobody() throws IOException {
        try (FileObjectStore store = new FileObjectStore(dir, true)) {
            Path staged = Files.write(store.stagingDir().resolve("upload.bin"), bytes("evidence"));
            StoredObject committed = store.commit(staged, Digests.sha256(bytes("evidence")), 8);
            StoredObject put = store.put(new ByteArrayInputStream(bytes("more evidence")));

            for (StoredObject o : new StoredObject[] {committed, put}) {
                Path file = store.localFile(o.sha256()).orElseThrow();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r-----");
            }
        }
    }

    @Test
    void aCommittedObjectCannotBeOpenedForWriting() throws IOException {
        // root ignores permission bits, so this check means something only for an ordinary user;
        // the permission test above covers root.
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")));
        try (FileObjectStore store = new FileObjectStore(dir)) {
            Path file = store.localFile(store.put(new ByteArrayInputStream(bytes("x"))).sha256()).orElseThrow();

            assertThatThrownBy(() -> FileChannel.open(file, StandardOpenOption.WRITE).close())
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void newDirectoriesAreMadeDurableAfterTheRenameTogetherWithTheObjectsDirectory() throws IOException {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        FileOps recording = recordingOps(calls);
        try (FileObjectStore store = new FileObjectStore(dir, false, recording)) {
            Path staged = Files.write(store.stagingDir().resolve("upload.bin"), bytes("evidence"));
            String hex = Digests.sha256(bytes("evidence")).hex();
            Path objects = dir.toAbsolutePath().resolve("sha256");
            Path ab = objects.resolve(hex.substring(0, 2));
            Path cd = ab.resolve(hex.substring(2, 4));
            calls.clear();

            store.commit(staged, Digests.sha256(bytes("evidence")), 8);

            assertThat(calls.subList(0, 6)).containsExactly("fsyncFile " + staged, "size " + staged,
                    "setReadOnly " + staged, "createDirectory " + ab, "createDirectory " + cd,
                    "moveAtomic " + cd.resolve(hex));
            assertThat(calls.subList(6, calls.size())).containsExactlyInAnyOrder("fsyncDir " + objects,
                    "fsyncDir " + ab, "fsyncDir " + cd);

            Path second = Files.write(store.stagingDir().resolve("upload2.bin"), bytes("evidence"));
            calls.clear();
            store.commit(second, Digests.sha256(bytes("evidence")), 8);
            assertThat(calls).as("an existing object: only its directory is fsynced again")
                    .containsSubsequence("fsyncDir " + cd).noneMatch(c -> c.startsWith("createDirectory"));
        }
    }

    /** Real file operations that also note each call and the path it was for. */
    private static FileOps recordingOps(List<String> calls) {
        return new ForwardingFileOps(FileOps.real()) {
            @Override
            protected void called(String operation, Path path) {
                calls.add(operation + " " + path);
            }
        };
    }

    @Test
    void openingRemovesInterruptedPutFilesButKeepsEverythingElseInStaging() throws IOException {
        Path staging;
        try (FileObjectStore store = new FileObjectStore(dir)) {
            staging = store.stagingDir();
        }
        Path leftover = Files.write(staging.resolve(FileObjectStore.PUT_PREFIX + "123" + FileObjectStore.PUT_SUFFIX), bytes("half"));
        Path readOnlyLeftover = Files.write(staging.resolve(FileObjectStore.PUT_PREFIX + "456" + FileObjectStore.PUT_SUFFIX), bytes("half"));
        Files.setPosixFilePermissions(readOnlyLeftover, PosixFilePermissions.fromString("r--r-----"));
        Path upload = Files.write(staging.resolve("upload-9.part"), bytes("resumable"));
        Path lookalike = Files.write(staging.resolve(FileObjectStore.PUT_PREFIX + "keep.part"), bytes("not ours"));

        try (FileObjectStore reopened = new FileObjectStore(dir)) {
            assertThat(leftover).doesNotExist();
            assertThat(readOnlyLeftover).doesNotExist();
            assertThat(upload).exists();
            assertThat(lookalike).exists();
        }
    }

    @Test
    void objectsSurviveReopening() throws IOException {
        StoredObject stored;
        try (FileObjectStore store = new FileObjectStore(dir)) {
            stored = store.put(new ByteArrayInputStream(bytes("kept")));
        }
        try (FileObjectStore reopened = new FileObjectStore(dir)) {
            assertThat(reopened.stat(stored.sha256())).contains(stored);
            assertThat(Files.readAllBytes(reopened.localFile(stored.sha256()).orElseThrow())).isEqualTo(bytes("kept"));
        }
    }

    @Test
    void withoutVerifyOnCommitAForgedCommitStillCannotOverwriteAnObject() throws IOException {
        try (FileObjectStore store = new FileObjectStore(dir, false)) {
            StoredObject original = store.put(new ByteArrayInputStream(bytes("original")));
            Path forged = Files.write(store.stagingDir().resolve("forged.bin"), bytes("tampered"));

            assertThat(store.commit(forged, original.sha256(), 8)).isEqualTo(original);

            assertThat(Files.readAllBytes(store.localFile(original.sha256()).orElseThrow())).isEqualTo(bytes("original"));
            assertThat(forged).doesNotExist();
        }
    }

    @Test
    void withoutVerifyOnCommitAWrongCallerDigestIsLeftForTheFixityAudit() throws IOException {
        // The documented trade-off: the size is checked, the digest trusted. The audit's re-hash
        // (Digests.sha256 over the file) is what exposes the mismatch.
        try (FileObjectStore store = new FileObjectStore(dir, false)) {
            Sha256 wrong = Digests.sha256(bytes("something else"));
            Path staged = Files.write(store.stagingDir().resolve("upload.bin"), bytes("bytes"));

            store.commit(staged, wrong, 5);

            assertThat(Digests.sha256(store.localFile(wrong).orElseThrow())).isNotEqualTo(wrong);
        }
    }

    @Test
    void withVerifyOnCommitAWrongCallerDigestIsRefused() throws IOException {
        try (FileObjectStore store = new FileObjectStore(dir, true)) {
            Sha256 wrong = Digests.sha256(bytes("something else"));
            Path staged = Files.write(store.stagingDir().resolve("upload.bin"), bytes("bytes"));

            assertThatThrownBy(() -> store.commit(staged, wrong, 5))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
            assertThat(store.localFile(wrong)).isEmpty();
            assertThat(Files.isWritable(staged)).as("a refused staged file is left as it was").isTrue();
        }
    }

    @Test
    void anExistingObjectOfAnotherSizeIsAnIntegrityFailureAndStaysUnchanged() throws IOException {
        try (FileObjectStore store = new FileObjectStore(dir, false)) {
            StoredObject original = store.put(new ByteArrayInputStream(bytes("original")));
            Path staged = Files.write(store.stagingDir().resolve("longer.bin"), bytes("much longer bytes"));

            assertThatThrownBy(() -> store.commit(staged, original.sha256(), 17))
                    .isInstanceOfSatisfying(VaultException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.INTEGRITY);
                        assertThat(e.getMessage()).contains("already exists with 8 bytes");
                    });
            assertThat(Files.readAllBytes(store.localFile(original.sha256()).orElseThrow())).isEqualTo(bytes("original"));
            assertThat(staged).exists();
        }
    }

    @Test
    void purgeDeletesTheReadOnlyFile() {
        try (FileObjectStore store = new FileObjectStore(dir)) {
            StoredObject stored = store.put(new ByteArrayInputStream(bytes("expired")));
            Path file = store.localFile(stored.sha256()).orElseThrow();

            assertThat(store.purge(stored.sha256())).isEqualTo(PurgeOutcome.REMOVED);
            assertThat(file).doesNotExist();
            assertThat(store.purge(stored.sha256())).isEqualTo(PurgeOutcome.ABSENT);
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        FileObjectStore store = new FileObjectStore(dir);
        store.close();

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes("late")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNegativeSizeIsInvalid() throws IOException {
        try (FileObjectStore store = new FileObjectStore(dir)) {
            Path staged = Files.write(store.stagingDir().resolve("upload.bin"), bytes("x"));

            assertThatThrownBy(() -> store.commit(staged, Digests.sha256(bytes("x")), -1))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
        }
    }

    @Test
    void digestsOfAFileMatchDigestsOfItsBytes() throws IOException {
        byte[] content = ObjectStoreContract.randomBytes(2 * Digests.BUFFER_BYTES + 1, 42);
        Path file = Files.write(dir.resolve("f"), content);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(Digests.sha256(file)).isEqualTo(Digests.sha256(content));
        assertThat(Digests.sha256(empty).hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aDiskFullErrorIsReportedAsNoSpace() {
        assertThat(FileObjectStore.kindOf(new IOException("No space left on device"))).isEqualTo(Kind.NO_SPACE);
        assertThat(FileObjectStore.kindOf(new IOException("Input/output error"))).isEqualTo(Kind.IO);
    }
}
