package io.camvault.cli.dock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStateTest {
    @TempDir
    Path dir;

    @Test
    void survivesReopeningAndForgetsRemovedEntries() throws Exception {
        String fp = UploadState.fingerprint("DCIM/a.mp4", 10, 1234, "ab".repeat(32));
        UploadState s = UploadState.open(dir.resolve("A1"));
        assertThat(s.get(fp)).isNull();
        s.set(fp, new URL("http://h/files/0123"));
        assertThat(UploadState.open(dir.resolve("A1")).get(fp)).hasToString("http://h/files/0123");
        s.remove(fp);
        assertThat(UploadState.open(dir.resolve("A1")).entries()).isEmpty();
    }

    @Test
    void aDifferentSizeMtimeOrHashIsADifferentUpload() {
        String sha = "ab".repeat(32);
        String fp = UploadState.fingerprint("a", 10, 1, sha);
        assertThat(fp).isNotEqualTo(UploadState.fingerprint("a", 11, 1, sha))
                .isNotEqualTo(UploadState.fingerprint("a", 10, 2, sha))
                .isNotEqualTo(UploadState.fingerprint("a", 10, 1, "cd".repeat(32)))
                .isNotEqualTo(UploadState.fingerprint("b", 10, 1, sha));
    }

    @Test
    void aDamagedStateFileIsReportedNotSilentlyDropped() throws Exception {
        Files.createDirectories(dir.resolve("A1"));
        Files.writeString(dir.resolve("A1").resolve(UploadState.FILE), "{not json");
        assertThatThrownBy(() -> UploadState.open(dir.resolve("A1"))).hasMessageContaining("move it aside");
    }

    @Test
    void backoffDoublesUpToTheMaximumAndHonoursRetryAfter() {
        DockSettings s = DockSettings.of(java.net.URI.create("http://h:1"), "t")
                .withRetries(5, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(Backoff.delay(s, 1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.delay(s, 2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(s, 3, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.delay(s, 9, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.delay(s, 1, "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Backoff.delay(s, 1, "3600")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.delay(s, 1, "Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyDaemonRefusalHasASentenceAndAnAction() {
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 413, 415, 423, 460, 500, 503, 507}) {
            assertThat(ServerAnswer.explain(status, null)).contains("(" + status + ")");
        }
        assertThat(ServerAnswer.action(401)).isEqualTo(ServerAnswer.Action.STOP_ALL);
        assertThat(ServerAnswer.action(403)).isEqualTo(ServerAnswer.Action.GIVE_UP);
        assertThat(ServerAnswer.action(413)).isEqualTo(ServerAnswer.Action.GIVE_UP);
        assertThat(ServerAnswer.action(460)).isEqualTo(ServerAnswer.Action.GIVE_UP);
        assertThat(ServerAnswer.action(410)).isEqualTo(ServerAnswer.Action.RESTART);
        assertThat(ServerAnswer.action(423)).isEqualTo(ServerAnswer.Action.RETRY);
        assertThat(ServerAnswer.action(503)).isEqualTo(ServerAnswer.Action.RETRY);
        assertThat(ServerAnswer.action(507)).isEqualTo(ServerAnswer.Action.RETRY);
    }
}
