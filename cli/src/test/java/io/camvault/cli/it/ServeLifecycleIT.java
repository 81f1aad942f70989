package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's life as an operator (systemd, docker stop) sees it: started, then SIGTERM. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServeLifecycleIT {
    @TempDir
    Path tmp;
    Daemon daemon;

    @AfterEach
    void killDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sigtermStopsCleanlyWithExitCodeZero() {
        daemon = Daemon.create(tmp);
        daemon.createToken("admin", "lifecycle-admin");
        daemon.start();
        String started = "serve.started port=" + daemon.port();
        for (int i = 0; i < 100 && !daemon.log().contains(started); i++) {
            Daemon.sleep(100); // /readyz may answer a moment before the line is logged
        }
        assertThat(daemon.log()).contains(started);

        int exit = daemon.stop();

        assertThat(daemon.log()).as("log after SIGTERM").contains("serve.stopped");
        assertThat(exit).as("exit code after SIGTERM (a service manager reads non-zero as a failure)").isZero();
    }
}
