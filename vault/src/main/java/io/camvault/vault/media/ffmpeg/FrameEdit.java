package io.camvault.vault.media.ffmpeg;

import org.bytedeco.javacv.Frame;

/**
 * A change made to each decoded frame before it is encoded: redaction hides boxes in the picture
 * and silences samples. Video frames arrive as packed YUV 4:2:0 ({@link PackedYuv}); audio frames
 * as the grabber's own copy, which the edit may change in place.
 */
interface FrameEdit {
    FrameEdit NONE = new FrameEdit() {
    };

    default void video(Frame packedYuv) {
    }

    default void audio(Frame samples, int sampleRate) {
    }
}
