package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.Playability;
import io.camvault.vault.media.ProxySettings;
import io.camvault.vault.media.RenditionPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming rendition of every playable sample must decode end to end in a browser's terms. */
class RenditionDecodesTest {

    private final FfmpegMediaTool tool = new FfmpegMediaTool();

    @TempDir
    Path tmp;

    static Stream<String> streamable() {
        return Samples.streamable();
    }

    @ParameterizedTest
    @MethodSource("streamable")
    void renditionIsBrowserPlayableAndDecodesEndToEnd(String name) throws Exception {
        Path src = Samples.path(name);
        MediaFacts source = tool.probe(src);
        RenditionPlan plan = RenditionPlan.decide(source);
        Path out = tmp.resolve("stream." + plan.extension());
        switch (plan.action()) {
            case REMUX -> tool.remux(src, out);
            case TRANSCODE -> tool.transcode(src, out, ProxySettings.DEFAULT);
            case NONE -> throw new AssertionError("no rendition planned for " + name + ": " + plan.reason());
        }

        MediaFacts rendition = tool.probe(out);
        assertThat(rendition.playability()).as(rendition.reason()).isEqualTo(Playability.PLAYABLE);
        assertThat(rendition.hasVideo()).isEqualTo(source.hasVideo());
        assertThat(rendition.hasAudio()).isEqualTo(source.hasAudio());
        if (plan.action() == RenditionPlan.Action.TRANSCODE && source.hasVideo()) {
            assertThat(rendition.height()).isEqualTo(Math.min(480, source.height()));
        }
        assertThat(rendition.creationTime()).isEqualTo(source.creationTime());
        assertThat(topLevelBoxes(out)).as("index up front (faststart)")
                .containsSubsequence("moov", "mdat");

        Decoded d = decodeAll(out);
        assertThat(source.hasVideo() ? d.images : d.samples).isPositive();
        assertThat(d.lastMicros / 1e6).isCloseTo(source.durationMillis() / 1000.0, within(0.25));
    }

    record Decoded(int images, int samples, long lastMicros) {
    }

    static Decoded decodeAll(Path file) throws Exception {
        int images = 0;
        int samples = 0;
        long last = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    images++;
                }
                if (f.samples != null) {
                    samples++;
                }
                last = Math.max(last, f.timestamp);
            }
            g.stop();
        }
        return new Decoded(images, samples, last);
    }

    /** Names of the top-level ISO BMFF boxes, in file order. */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(16);
            while (pos + 8 <= ch.size()) {
                head.clear();
                ch.read(head, pos);
                head.flip();
                long size = Integer.toUnsignedLong(head.getInt());
                byte[] type = new byte[4];
                head.get(type);
                if (size == 1) {
                    size = head.getLong();
                } else if (size == 0) {
                    size = ch.size() - pos;
                }
                names.add(new String(type, StandardCharsets.ISO_8859_1));
                if (size < 8) {
                    break;
                }
                pos += size;
            }
        }
        return names;
    }
}
