package io.camvault.vault.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.media.RenditionPlan.Action;
import io.camvault.vault.model.MediaKind;
import org.junit.jupiter.api.Test;

/** The rendition policy, without FFmpeg: facts in, decision out. */
class RenditionPlanTest {

    static MediaFacts facts(MediaKind kind, String container, String vcodec, String profile,
                            String acodec) {
        boolean video = vcodec != null;
        MediaFacts raw = new MediaFacts(kind, container, kind == MediaKind.PHOTO ? 0 : 4000, vcodec, profile,
                video ? 1920 : 0, video ? 1080 : 0, video ? 30 : 0, 500_000, 0, acodec,
                acodec == null ? 0 : 48000, acodec == null ? 0 : 2, null, null, Playability.PLAYABLE, null);
        return BrowserSupport.judge(raw);
    }

    private static final String MP4 = "mov,mp4,m4a,3gp,3g2,mj2";

    @Test
    void h264AacInMp4IsRemuxed() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.VIDEO, MP4, "h264", "High", "aac"));
        assertThat(p.action()).isEqualTo(Action.REMUX);
        assertThat(p.extension()).isEqualTo("mp4");
    }

    @Test
    void silentH264IsRemuxed() {
        assertThat(RenditionPlan.decide(facts(MediaKind.VIDEO, MP4, "h264", "Main", null)).action())
                .isEqualTo(Action.REMUX);
    }

    @Test
    void hevcIsTranscoded() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.VIDEO, MP4, "hevc", "Main", "aac"));
        assertThat(p.action()).isEqualTo(Action.TRANSCODE);
        assertThat(p.reason()).contains("hevc");
    }

    @Test
    void high10AndOddAudioAreTranscoded() {
        assertThat(RenditionPlan.decide(facts(MediaKind.VIDEO, MP4, "h264", "High 10", "aac")).action())
                .isEqualTo(Action.TRANSCODE);
        assertThat(RenditionPlan.decide(facts(MediaKind.VIDEO, MP4, "h264", "High", "pcm_s16le")).action())
                .isEqualTo(Action.TRANSCODE);
    }

    @Test
    void mjpegAviIsTranscodedEvenThoughFfmpegReadsIt() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.VIDEO, "avi", "mjpeg", "Baseline", "pcm_s16le"));
        assertThat(p.action()).isEqualTo(Action.TRANSCODE);
        assertThat(p.reason()).contains("avi");
    }

    @Test
    void h264InMpegTsIsTranscodedNotRemuxed() {
        // a browser cannot play TS; our remux only writes MP4 from MP4/MOV, so stay on the safe side
        assertThat(RenditionPlan.decide(facts(MediaKind.VIDEO, "mpegts", "h264", "High", "aac")).action())
                .isEqualTo(Action.TRANSCODE);
    }

    @Test
    void aacAudioIsRemuxedToM4a() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.AUDIO, MP4, null, null, "aac"));
        assertThat(p.action()).isEqualTo(Action.REMUX);
        assertThat(p.extension()).isEqualTo("m4a");
    }

    @Test
    void wavAudioIsTranscodedToM4a() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.AUDIO, "wav", null, null, "pcm_s16le"));
        assertThat(p.action()).isEqualTo(Action.TRANSCODE);
        assertThat(p.extension()).isEqualTo("m4a");
    }

    @Test
    void photoHasNoRendition() {
        RenditionPlan p = RenditionPlan.decide(facts(MediaKind.PHOTO, "jpeg_pipe", "mjpeg", "Baseline", null));
        assertThat(p.action()).isEqualTo(Action.NONE);
        assertThat(p.reason()).contains("photo");
    }

    @Test
    void unplayableHasNoRenditionAndKeepsTheReason() {
        MediaFacts bad = MediaFacts.unplayable(MediaKind.VIDEO, "moov atom not found");
        RenditionPlan p = RenditionPlan.decide(bad);
        assertThat(p.action()).isEqualTo(Action.NONE);
        assertThat(p.reason()).contains("moov atom not found");
    }

    @Test
    void streamsWithoutPicturesOrSoundAreUnplayable() {
        MediaFacts none = facts(MediaKind.OTHER, MP4, null, null, null);
        assertThat(none.playability()).isEqualTo(Playability.UNPLAYABLE);
        assertThat(RenditionPlan.decide(none).action()).isEqualTo(Action.NONE);
    }

    @Test
    void notPlayableWithoutAReasonIsRejected() {
        assertThatThrownBy(() -> new MediaFacts(MediaKind.VIDEO, MP4, 0, null, null, 0, 0, 0, 0, 0, null, 0, 0,
                null, null, Playability.UNPLAYABLE, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxySettingsAreValidatedOnce() {
        assertThat(ProxySettings.DEFAULT.height()).isEqualTo(480);
        assertThatThrownBy(() -> ProxySettings.DEFAULT.withHeight(481)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxySettings(480, null, "ultrafast", 10, 96_000, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
