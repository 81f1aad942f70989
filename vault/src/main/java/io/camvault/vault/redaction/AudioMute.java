package io.camvault.vault.redaction;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Silences the samples of one decoded audio frame that fall inside a spec's mute ranges, sample by
 * sample (a 1024-sample AAC frame spans 21 ms at 48 kHz; muting whole frames would cut too much or
 * too little). Works on planar frames (one buffer per channel) and interleaved ones (one buffer).
 */
public final class AudioMute {
    private AudioMute() {
    }

    /**
     * @param startMicros time of the frame's first sample
     * @return how many samples per channel were silenced
     */
    public static int apply(RedactionSpec spec, Buffer[] samples, int channels, int sampleRate, long startMicros) {
        if (spec.mutes().isEmpty() || samples == null || samples.length == 0 || sampleRate <= 0) {
            return 0;
        }
        boolean planar = samples.length > 1;
        int perChannel = planar ? samples[0].limit() : samples[0].limit() / Math.max(1, channels);
        int silenced = 0;
        for (int i = 0; i < perChannel; i++) {
            long t = startMicros + (long) i * 1_000_000L / sampleRate;
            if (!spec.mutedAtMicros(t)) {
                continue;
            }
            silenced++;
            if (planar) {
                for (Buffer b : samples) {
                    zero(b, i);
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    zero(samples[0], i * channels + c);
                }
            }
        }
        return silenced;
    }

    private static void zero(Buffer b, int index) {
        if (index >= b.limit()) {
            return;
        }
        if (b instanceof FloatBuffer f) {
            f.put(index, 0f);
        } else if (b instanceof ShortBuffer s) {
            s.put(index, (short) 0);
        } else if (b instanceof IntBuffer n) {
            n.put(index, 0);
        } else if (b instanceof DoubleBuffer d) {
            d.put(index, 0d);
        } else if (b instanceof ByteBuffer u8) {
            u8.put(index, (byte) 0x80); // unsigned 8-bit: silence is the midpoint
        }
    }
}
