package io.camvault.vault.store;

import io.camvault.vault.store.CommitScenario.Op;
import io.camvault.vault.store.FaultyFileOps.Mode;
import io.camvault.vault.store.FaultyFileOps.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The fault-injection scenario over random contents (empty included) and any failing step. */
class CommitFaultPropertyTest {

    @Property(tries = 150)
    void noContentAndNoFailingStepLeavesAPartialObject(@ForAll @Size(max = 4096) byte[] content, @ForAll Op op,
            @ForAll Step step, @ForAll Mode mode) throws IOException {
        Assume.that(CommitScenario.applies(op, step));
        Path dir = Files.createTempDirectory("camvault-fault-");
        try {
            CommitScenario.run(dir, op, step, mode, content);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
