package io.camvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Linux only, and only where renice exists; elsewhere the worker runs media at normal priority. */
class ThreadNicenessTest {

    private static int niceOf(Path stat) throws Exception {
        String s = Files.readString(stat);
        // fields after the ")" that closes the thread name: state is field 3, nice is field 19
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[19 - 3]);
    }

    @Test
    void theCallingThreadAndTheThreadsItStartsGetTheNiceValue() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux /proc");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")),
                "renice installed");
        int before = niceOf(Path.of("/proc/thread-self/stat"));
        assumeTrue(before < 7, "raising priority back needs privileges; the test runs below nice 7");
        AtomicInteger own = new AtomicInteger(-1);
        AtomicInteger child = new AtomicInteger(-1);
        AtomicReference<Boolean> applied = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                applied.set(ThreadNiceness.apply(7));
                own.set(niceOf(Path.of("/proc/thread-self/stat")));
                Thread c = new Thread(() -> {
                    try {
                        child.set(niceOf(Path.of("/proc/thread-self/stat")));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                c.start();
                c.join();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        assertThat(applied.get()).isTrue();
        assertThat(own).hasValue(7);
        assertThat(child).as("inherited by threads it starts").hasValue(7);
        assertThat(niceOf(Path.of("/proc/thread-self/stat"))).as("other threads keep theirs").isEqualTo(before);
    }

    @Test
    void zeroLeavesTheThreadAlone() {
        assertThat(ThreadNiceness.apply(0)).isFalse();
    }
}
