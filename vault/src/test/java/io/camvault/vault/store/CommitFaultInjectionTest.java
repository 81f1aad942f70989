package io.camvault.vault.store;

import io.camvault.vault.store.CommitScenario.Op;
import io.camvault.vault.store.FaultyFileOps.Mode;
import io.camvault.vault.store.FaultyFileOps.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step of the commit protocol, failing or crashing, for both ways in: afterwards, and after
 * a restart, an address holds a complete read-only object or nothing, and a retry stores it.
 */
class CommitFaultInjectionTest {

    static Stream<Arguments> everyStep() {
        return Arrays.stream(Op.values()).flatMap(op -> Arrays.stream(Step.values())
                .filter(step -> CommitScenario.applies(op, step))
                .flatMap(step -> Arrays.stream(Mode.values()).map(mode -> Arguments.of(op, step, mode))));
    }

    @ParameterizedTest(name = "{0} with {2} at {1}")
    @MethodSource("everyStep")
    void aFailedOrCrashedCommitNeverLeavesAPartialObject(Op op, Step step, Mode mode, @TempDir Path dir) throws IOException {
        CommitScenario.run(dir, op, step, mode, ObjectStoreContract.randomBytes(Digests.BUFFER_BYTES + 123, step.ordinal()));
    }
}
