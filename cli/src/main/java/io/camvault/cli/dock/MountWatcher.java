package io.camvault.cli.dock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --watch DIR}: polls {@code DIR} for recorder mount directories and docks each new one once
 * it carries a device-info file; a mount that disappears and comes back is docked again. Polling
 * rather than a WatchService because mount points on removable media do not reliably raise events.
 */
public final class MountWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MountWatcher.class);

    private final Path dir;
    private final Duration poll;
    private final Dock dock;
    private final Set<Path> seen = new HashSet<>();
    private final Set<Path> waiting = new HashSet<>();

    public MountWatcher(Path dir, Duration poll, Dock dock) {
        this.dir = dir;
        this.poll = poll;
        this.dock = dock;
    }

    /** Runs until the dock's stopper is triggered. */
    public void run() throws InterruptedException {
        LOG.info("dock.watching dir={} poll={}", dir, poll);
        do {
            scan();
        } while (!dock.stopper().await(poll));
        LOG.info("dock.watch_stopped dir={}", dir);
    }

    /** One pass: docks what is new, forgets what is gone. */
    void scan() {
        Set<Path> present = new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    present.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("dock.watch_unreadable dir={} error=\"{}\"", dir, e.toString());
            return;
        }
        seen.retainAll(present);
        waiting.retainAll(present);
        for (Path p : present.stream().sorted().toList()) {
            if (seen.contains(p)) {
                continue;
            }
            Optional<DeviceInfo> info;
            try {
                info = DeviceInfo.read(p);
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("dock.device_info_invalid mount={} error=\"{}\"", p, e.getMessage());
                seen.add(p);
                continue;
            }
            if (info.isEmpty()) {
                if (waiting.add(p)) {
                    LOG.info("dock.waiting_for_device_info mount={}", p);
                }
                continue;
            }
            seen.add(p);
            waiting.remove(p);
            LOG.info("dock.mount_appeared mount={} recorder={}", p, info.get().serial());
            dock.submit(new Dock.Mount(p, info.get()));
        }
    }

    /** The mounts docked and still present (tests). */
    List<Path> seen() {
        return List.copyOf(seen);
    }
}
