package io.camvault.vault.media.ffmpeg;

import io.camvault.vault.media.Pacing;
import io.camvault.vault.media.ProxySettings;
import io.camvault.vault.redaction.AudioMute;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.YuvRedaction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.bytedeco.javacv.Frame;

/**
 * A redacted copy: the {@link Transcoder}'s decode → encode at the source size, with the spec's
 * boxes hidden in each packed picture and its mute ranges silenced sample by sample, on the
 * decoding thread (the encoder, the larger half of the work, runs beside it).
 */
final class Redactor {
    private Redactor() {
    }

    static void render(Path src, Path dst, RedactionSpec spec, ProxySettings settings, Pacing pacing,
                       LongConsumer progress) {
        Transcoder.transcode(src, dst, settings, -1, -1, pacing, new FrameEdit() {
            @Override
            public void video(Frame f) {
                var boxes = spec.boxesAt(f.timestamp / 1000);
                if (!boxes.isEmpty()) {
                    YuvRedaction.apply((ByteBuffer) f.image[0], f.imageWidth, f.imageHeight, boxes, spec.method());
                }
                progress.accept(f.timestamp);
            }

            @Override
            public void audio(Frame f, int sampleRate) {
                AudioMute.apply(spec, f.samples, f.audioChannels, sampleRate, f.timestamp);
            }
        });
    }
}
