package io.camvault.cli.it;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a command as on a machine without the sound server, ALSA, X11 and an installed FFmpeg,
 * without removing them from this one: the repository's {@code .ci/hide-system-media} (which CI
 * uses too, so the list of what is hidden lives in one place) binds {@code /dev/null} over them in
 * a private mount namespace. Needs root; {@link #available()} says whether it works here.
 */
final class HiddenLibraries {
    private HiddenLibraries() {
    }

    static Path script() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            Path s = p.resolve(".ci/hide-system-media");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        throw new IllegalStateException(".ci/hide-system-media not found above " + Path.of("").toAbsolutePath());
    }

    /** Whether this machine lets the script make its mount namespace (root, util-linux's unshare). */
    static boolean available() {
        try {
            return Daemon.Run.of(List.of(script().toString(), "true"), Duration.ofSeconds(30)).exit() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The command prefix: what follows it runs with the libraries and programs hidden. */
    static List<String> launcher() {
        return List.of(script().toString());
    }
}
