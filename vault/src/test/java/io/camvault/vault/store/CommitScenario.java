package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.FaultyFileOps.Mode;
import io.camvault.vault.store.FaultyFileOps.SimulatedCrash;
import io.camvault.vault.store.FaultyFileOps.Step;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One fault-injection run: store some bytes with {@code put} or {@code commit} while one protocol
 * step fails or crashes, restart on what is left, check that no address holds a partial or
 * unverified file, then retry and check the object ends up stored.
 */
final class CommitScenario {
    enum Op { PUT, COMMIT }

    static final String STAGED_NAME = "upload-1.bin";
    /** A partial upload some other component keeps in the staging directory; a restart must keep it. */
    static final String FOREIGN_NAME = "upload-2.part";
    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private CommitScenario() {
    }

    /** {@code put} hashes as it writes and never re-reads, so its commit has no hash step to fail. */
    static boolean applies(Op op, Step step) {
        return !(op == Op.PUT && step == Step.VERIFY_HASH);
    }

    static void run(Path dir, Op op, Step step, Mode mode, byte[] content) throws IOException {
        Path root = dir.resolve("objects");
        Path crashCopy = dir.resolve("crashed");
        FaultyFileOps ops = new FaultyFileOps(root, crashCopy);
        FileObjectStore store = new FileObjectStore(root, true, ops);
        Files.write(store.stagingDir().resolve(FOREIGN_NAME), "partial".getBytes(StandardCharsets.UTF_8));
        Sha256 digest = Digests.sha256(content);
        Path staged = op == Op.COMMIT ? Files.write(store.stagingDir().resolve(STAGED_NAME), content) : null;

        ops.arm(step, mode);
        Throwable thrown = catchThrowable(() -> {
            if (op == Op.PUT) {
                store.put(new ByteArrayInputStream(content));
            } else {
                store.commit(staged, digest, content.length);
            }
        });

        assertThat(ops.fired()).as("step %s was reached", step).isTrue();
        Path survivor;
        if (mode == Mode.IO_ERROR) {
            assertThat(thrown).isInstanceOfSatisfying(VaultException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.IO);
                assertThat(e.getMessage()).contains("sha256=" + digest.hex(), "failed at step '" + step.label + "'",
                        "injected failure at " + step);
            });
            survivor = root;
        } else {
            assertThat(thrown).isInstanceOf(SimulatedCrash.class);
            survivor = crashCopy;
        }
        store.close();

        FileObjectStore restarted = new FileObjectStore(survivor, true);
        assertOnlyCompleteObjects(survivor);
        boolean renamed = step == Step.FSYNC_DIR || (mode == Mode.CRASH && step == Step.RENAME);
        assertThat(restarted.stat(digest)).as("object present after %s %s", mode, step)
                .isEqualTo(renamed ? java.util.Optional.of(new StoredObject(digest, content.length)) : java.util.Optional.empty());
        assertThat(putLeftovers(restarted.stagingDir())).as("interrupted put files are removed on open").isEmpty();
        assertThat(restarted.stagingDir().resolve(FOREIGN_NAME)).as("other staging files are kept").exists();

        StoredObject retried = op == Op.PUT
                ? restarted.put(new ByteArrayInputStream(content))
                : restarted.commit(restarted.stagingDir().resolve(STAGED_NAME), digest, content.length);
        assertThat(retried).isEqualTo(new StoredObject(digest, content.length));
        assertOnlyCompleteObjects(survivor);
        assertThat(Files.readAllBytes(restarted.localFile(digest).orElseThrow())).isEqualTo(content);
        restarted.close();
    }

    /** Every file under {@code sha256/} is at the address of its own bytes' hash, whole and read-only. */
    static void assertOnlyCompleteObjects(Path root) throws IOException {
        Path objects = root.resolve("sha256");
        try (Stream<Path> walk = Files.walk(objects)) {
            List<Path> files = walk.filter(p -> !Files.isDirectory(p)).toList();
            for (Path file : files) {
                assertThat(Files.isRegularFile(file)).as("%s is a regular file", file).isTrue();
                Sha256 actual = Digests.sha256(file);
                String hex = actual.hex();
                assertThat(objects.relativize(file).toString().replace('\\', '/'))
                        .as("%s sits at the address of its bytes", file)
                        .isEqualTo(hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex);
                assertThat(Files.getPosixFilePermissions(file)).as("%s is read-only", file).doesNotContainAnyElementsOf(WRITE_BITS);
            }
        }
    }

    static List<Path> putLeftovers(Path stagingDir) {
        try (Stream<Path> list = Files.list(stagingDir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(FileObjectStore.PUT_PREFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
