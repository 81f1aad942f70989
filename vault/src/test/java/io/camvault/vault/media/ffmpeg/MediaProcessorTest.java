package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.media.Derived;
import io.camvault.vault.media.DerivedStore;
import io.camvault.vault.media.MediaProcessor;
import io.camvault.vault.media.MediaResult;
import io.camvault.vault.media.Playability;
import io.camvault.vault.media.ProxySettings;
import io.camvault.vault.media.RenditionPlan;
import io.camvault.vault.model.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media job end to end on the real tool: facts, rendition, poster and clip in the derived store. */
class MediaProcessorTest {

    @TempDir
    Path data;

    private final MediaProcessor processor() {
        return new MediaProcessor(new FfmpegMediaTool(), new DerivedStore(data, Clock.systemUTC()),
                ProxySettings.DEFAULT);
    }

    private static Sha256 sha(Path p) throws Exception {
        return Sha256.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void recorderMp4GetsARemuxedRenditionAndAPoster() throws Exception {
        Path src = Samples.path(Samples.H264);
        Sha256 id = sha(src);
        MediaResult r = processor().process(id, src);
        assertThat(r.plan().action()).isEqualTo(RenditionPlan.Action.REMUX);
        assertThat(r.rendition()).isPresent();
        assertThat(r.rendition().get().file()).isEqualTo(data.resolve("derived/" + id.hex() + "/stream.mp4"));
        assertThat(r.rendition().get().info().sourceSha256()).isEqualTo(id.hex());
        assertThat(r.rendition().get().info().toolVersion()).startsWith("javacv-");
        assertThat(r.poster()).isPresent();

        // a second run finds the work done and does not redo it
        MediaResult again = processor().process(id, src);
        assertThat(again.rendition().get().info().createdAt()).isEqualTo(r.rendition().get().info().createdAt());
    }

    @Test
    void truncatedOriginalIsKeptUnplayableAndNothingIsDerived() throws Exception {
        Path src = Samples.path(Samples.TRUNCATED);
        MediaResult r = processor().process(sha(src), src);
        assertThat(r.facts().playability()).isEqualTo(Playability.UNPLAYABLE);
        assertThat(r.rendition()).isEmpty();
        assertThat(r.poster()).isEmpty();
    }

    @Test
    void clipRecordsSourceAndClipHashes() throws Exception {
        Path src = Samples.path(Samples.H264);
        Sha256 id = sha(src);
        Derived clip = processor().clip(id, src, Duration.ofSeconds(1), Duration.ofSeconds(2), false);
        assertThat(clip.info().kind()).isEqualTo("clip");
        assertThat(clip.info().sourceSha256()).isEqualTo(id.hex());
        assertThat(clip.info().derivedSha256()).isEqualTo(sha(clip.file()).hex());
        assertThat(clip.info().settings()).containsEntry("mode", "fast");
    }
}
