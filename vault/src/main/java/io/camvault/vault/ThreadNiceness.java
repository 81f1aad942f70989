package io.camvault.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the calling thread a Linux nice value, so the kernel itself prefers the work that someone
 * is waiting for whenever two kinds want a core: media jobs run below ingest, and the writers of
 * big uploads below those of small ones (a dock's 1 MiB file should not queue for a core behind
 * hashing of a 4 GB stream). Java has no call for it ({@link Thread#setPriority} is ignored on Linux
 * unless the JVM runs as root with a special flag), so this asks {@code renice} for the calling
 * thread's id, read from {@code /proc/thread-self}. On Linux the nice value belongs to the thread
 * and is inherited by the threads it creates, so the decode thread of a transcode and the codec
 * threads libavcodec and the H.264 encoders start inherit it too. A thread may always lower its
 * own priority, so this needs no privileges.
 *
 * <p>Best effort: where there is no {@code /proc/thread-self} or no {@code renice}, the thread
 * runs at normal priority (media jobs still give way through {@code YieldToIngest}, big uploads
 * through the small-first gate).
 */
public final class ThreadNiceness {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadNiceness.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static volatile boolean warned;

    private ThreadNiceness() {
    }

    /** Sets the calling thread's nice value (0..19; 0 leaves it alone). Returns whether it took effect. */
    public static boolean apply(int nice) {
        if (nice == 0) {
            return false;
        }
        try {
            // "/proc/thread-self" -> "<pid>/task/<tid>"
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process p = new ProcessBuilder("renice", Integer.toString(nice), "-p", tid) // absolute, as busybox reads it too
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed("renice did not finish");
            }
            return p.exitValue() == 0 || failed("renice: " + out);
        } catch (IOException | UnsupportedOperationException e) {
            return failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean failed(String why) {
        if (!warned) {
            warned = true;
            LOG.warn("thread.nice_unavailable error=\"{}\"", why);
        }
        return false;
    }
}
