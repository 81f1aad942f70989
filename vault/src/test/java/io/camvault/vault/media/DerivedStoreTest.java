package io.camvault.vault.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.model.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedStoreTest {

    private static final Sha256 SRC = Sha256.ofHex("ab".repeat(32));
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path data;

    private DerivedStore store() {
        return new DerivedStore(data, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void publishKeepsDerivedFilesApartWithASidecarNamingTheSource() throws Exception {
        DerivedStore s = store();
        Path tmp = s.staging(SRC, ".mp4");
        Files.writeString(tmp, "rendition bytes");
        Derived d = s.publish(SRC, "stream.mp4", tmp, "rendition", Map.of("action", "REMUX"), "test-1");

        assertThat(d.file()).isEqualTo(data.resolve("derived").resolve(SRC.hex()).resolve("stream.mp4"));
        assertThat(tmp).doesNotExist();
        assertThat(d.info().sourceSha256()).isEqualTo(SRC.hex());
        assertThat(d.info().derivedSha256()).isEqualTo(DerivedStore.sha256(d.file()));
        assertThat(d.info().createdAt()).isEqualTo(NOW);
        String sidecar = Files.readString(d.file().resolveSibling("stream.mp4.json"));
        assertThat(sidecar).contains("\"sourceSha256\" : \"" + SRC.hex() + "\"", "\"toolVersion\" : \"test-1\"");

        assertThat(s.find(SRC, "stream.mp4")).contains(d);
    }

    @Test
    void aFileWithoutItsSidecarIsNotFoundSoItGetsRebuilt() throws Exception {
        DerivedStore s = store();
        Path tmp = s.staging(SRC, ".jpg");
        Files.writeString(tmp, "jpeg");
        Derived d = s.publish(SRC, "poster.jpg", tmp, "poster", Map.of(), "t");
        Files.delete(d.file().resolveSibling("poster.jpg.json"));
        assertThat(s.find(SRC, "poster.jpg")).isEmpty();
    }

    @Test
    void aTruncatedDerivedFileIsNotFound() throws Exception {
        DerivedStore s = store();
        Path tmp = s.staging(SRC, ".jpg");
        Files.writeString(tmp, "jpeg bytes");
        Derived d = s.publish(SRC, "poster.jpg", tmp, "poster", Map.of(), "t");
        Files.writeString(d.file(), "jp");
        assertThat(s.find(SRC, "poster.jpg")).isEmpty();
    }

    @Test
    void discardRemovesEverythingDerivedFromOneSource() throws Exception {
        DerivedStore s = store();
        Path tmp = s.staging(SRC, ".mp4");
        Files.writeString(tmp, "clip");
        s.publish(SRC, DerivedStore.clipName(Duration.ofSeconds(1), Duration.ofSeconds(3), false), tmp, "clip",
                Map.of(), "t");
        assertThat(s.find(SRC, "clips/1000-3000-fast.mp4")).isPresent();
        s.discard(SRC);
        assertThat(s.dir(SRC)).doesNotExist();
    }

    @Test
    void namesCannotEscapeTheSourceDirectory() {
        DerivedStore s = store();
        assertThatThrownBy(() -> s.find(SRC, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.find(SRC, ".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.find(SRC, "a/b/c")).isInstanceOf(IllegalArgumentException.class);
    }
}
