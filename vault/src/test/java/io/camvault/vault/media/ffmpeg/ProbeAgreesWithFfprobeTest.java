package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.MediaKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our probe and the ffprobe CLI must tell the same story about every sample. */
class ProbeAgreesWithFfprobeTest {

    private final FfmpegMediaTool tool = new FfmpegMediaTool();

    static java.util.stream.Stream<String> readable() {
        return Samples.readable();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void factsMatchFfprobe(String name) throws Exception {
        JsonNode ref = Samples.ffprobe(Samples.path(name));
        MediaFacts f = tool.probe(Samples.path(name));

        assertThat(f.playability()).as(f.reason()).isNotEqualTo(Playability.UNPLAYABLE);
        assertThat(f.container()).isEqualTo(ref.path("format").path("format_name").asText());
        JsonNode v = Samples.stream(ref, "video");
        JsonNode a = Samples.stream(ref, "audio");
        if (f.kind() != MediaKind.PHOTO) {
            double refSeconds = ref.path("format").path("duration").asDouble();
            assertThat(f.durationMillis() / 1000.0).isCloseTo(refSeconds, within(0.1));
        }
        if (v == null) {
            assertThat(f.videoCodec()).isNull();
        } else {
            assertThat(f.videoCodec()).isEqualTo(v.path("codec_name").asText());
            assertThat(f.width()).isEqualTo(v.path("width").asInt());
            assertThat(f.height()).isEqualTo(v.path("height").asInt());
            if (v.has("profile")) {
                assertThat(f.videoProfile()).isEqualTo(v.path("profile").asText());
            }
        }
        if (a == null) {
            assertThat(f.audioCodec()).isNull();
        } else {
            assertThat(f.audioCodec()).isEqualTo(a.path("codec_name").asText());
            assertThat(f.audioSampleRate()).isEqualTo(a.path("sample_rate").asInt());
            assertThat(f.audioChannels()).isEqualTo(a.path("channels").asInt());
        }
    }

    @Test
    void recorderMp4CarriesCreationTimeLocationAndRate() {
        MediaFacts f = tool.probe(Samples.path(Samples.H264));
        assertThat(f.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(f.playability()).isEqualTo(Playability.PLAYABLE);
        assertThat(f.creationTime()).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
        assertThat(f.location()).isEqualTo("+39.9042+116.4074/");
        assertThat(f.frameRate()).isCloseTo(30.0, within(0.01));
        assertThat(f.videoProfile()).isEqualTo("High");
        assertThat(f.bitRate()).isPositive();
        assertThat(f.rotation()).isZero();
    }

    @Test
    void kindsAndVerdicts() {
        assertThat(tool.probe(Samples.path(Samples.HEVC)).playability()).isEqualTo(Playability.NEEDS_TRANSCODE);
        assertThat(tool.probe(Samples.path(Samples.MJPEG_AVI)).playability()).isEqualTo(Playability.NEEDS_TRANSCODE);
        MediaFacts aac = tool.probe(Samples.path(Samples.AAC));
        assertThat(aac.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(aac.playability()).isEqualTo(Playability.PLAYABLE);
        MediaFacts wav = tool.probe(Samples.path(Samples.WAV));
        assertThat(wav.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(wav.playability()).isEqualTo(Playability.NEEDS_TRANSCODE);
        MediaFacts photo = tool.probe(Samples.path(Samples.PHOTO));
        assertThat(photo.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(photo.width()).isEqualTo(1280);
    }

    @Test
    void truncatedMp4IsUnplayableWithAReasonAndNothingThrows() {
        MediaFacts f = tool.probe(Samples.path(Samples.TRUNCATED));
        assertThat(f.playability()).isEqualTo(Playability.UNPLAYABLE);
        assertThat(f.reason()).isNotBlank();
    }
}
