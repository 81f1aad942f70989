package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        assertThat(new Api(daemon.base()).get("/metrics", null).body())
                .as("the daemon's own counters are exported, not only the gateway's")
                .contains("camvault_fixity_failures_total 0").contains("camvault_fixity_bytes_hashed_total ");

        int exit = daemon.stop();

        assertThat(daemon.log()).as("log after SIGTERM").contains("serve.stopped");
        assertThat(exit).as("exit code after SIGTERM (a service manager reads non-zero as a failure)").isZero();
    }

    /**
     * A machine FFmpeg's natives cannot load on (another platform, a damaged jar) still ingests: the
     * daemon says once why media work is off and serves uploads and search. Naming a platform the jar
     * has no natives for makes them fail to load the same way on any machine.
     */
    @Test
    void withoutMediaNativesTheDaemonStillIngests() throws Exception {
        daemon = new Daemon(tmp.resolve("data"), tmp,
                List.of("-Xmx256m", "-Dorg.bytedeco.javacpp.platform=linux-absent"));
        String dock = daemon.createToken("dock", "no-media-dock");
        String clerk = daemon.createToken("clerk", "no-media-clerk");
        daemon.start();
        assertThat(daemon.log()).contains("media.unavailable").contains("did not load");

        TestFiles.Source src = TestFiles.generate(tmp.resolve("no-media.mp4"), (3L << 20) + 17, 0x5EED_0A0AL);
        TusUpload upload = new TusUpload(src.path().toFile());
        upload.setMetadata(Api.metadata("300001", "NOMEDIA", "no-media.mp4", src.sha256()));
        TusClient client = new TusClient();
        client.setUploadCreationURL(daemon.filesEndpoint().toURL());
        client.setHeaders(Map.of("Authorization", "Bearer " + dock));
        TusJava.uploadAll(client.createUpload(upload));

        Stored.assertStored(new Api(daemon.base()), clerk, daemon.dataDir(), "300001", src);
        assertThat(daemon.stop()).isZero();
        assertThat(daemon.log()).contains("serve.stopped");
    }
}
