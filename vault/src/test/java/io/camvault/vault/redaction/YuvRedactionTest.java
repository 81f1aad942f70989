package io.camvault.vault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class YuvRedactionTest {
    private static final int W = 64;
    private static final int H = 48;

    private static ByteBuffer noise(long seed) {
        byte[] b = new byte[W * H * 3 / 2];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    /** Mean squared difference between horizontal neighbours: the detail a face shows. */
    static double detail(ByteBuffer yuv, Box b) {
        double sum = 0;
        int n = 0;
        for (int y = b.y(); y < b.y() + b.h(); y++) {
            for (int x = b.x() + 1; x < b.x() + b.w(); x++) {
                int d = (yuv.get(y * W + x) & 0xff) - (yuv.get(y * W + x - 1) & 0xff);
                sum += d * d;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void everyMethodRemovesTheDetailInsideAndTouchesNothingOutside() {
        Box box = new Box(10, 8, 32, 24);
        for (Method m : Method.values()) {
            ByteBuffer before = noise(7);
            ByteBuffer after = noise(7);
            YuvRedaction.apply(after, W, H, List.of(box), m);
            assertThat(detail(after, box)).as(m.code()).isLessThan(detail(before, box) / 20);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean inside = x >= box.x() && x < box.x() + box.w() && y >= box.y() && y < box.y() + box.h();
                    if (!inside) {
                        assertThat(after.get(y * W + x)).as(m.code() + " at " + x + "," + y).isEqualTo(before.get(y * W + x));
                    }
                }
            }
        }
    }

    @Test
    void aSolidBoxIsBlackInLumaAndNeutralInChroma() {
        ByteBuffer p = noise(3);
        YuvRedaction.apply(p, W, H, List.of(new Box(0, 0, 8, 8)), Method.BOX);
        assertThat(p.get(0)).isEqualTo((byte) 16);
        assertThat(p.get(7 * W + 7)).isEqualTo((byte) 16);
        assertThat(p.get(W * H)).isEqualTo((byte) 128);
        assertThat(p.get(W * H + (W / 2) * (H / 2))).isEqualTo((byte) 128);
    }

    @Test
    void boxesPartlyOrWhollyOutsideThePictureAreCut() {
        ByteBuffer p = noise(5);
        YuvRedaction.apply(p, W, H, List.of(new Box(-20, -20, 30, 30), new Box(500, 500, 10, 10),
                new Box(60, 40, 100, 100)), Method.BOX);
        assertThat(p.get(0)).isEqualTo((byte) 16);
        assertThat(p.get((H - 1) * W + W - 1)).isEqualTo((byte) 16);
    }

    @Test
    void mutedSamplesAreZeroInPlanarAndInterleavedFrames() {
        var spec = new RedactionSpec(Method.BOX, List.of(), List.of(new TimeRange(1000, 1010)));
        FloatBuffer left = FloatBuffer.wrap(filled(1000, 0.5f));
        FloatBuffer right = FloatBuffer.wrap(filled(1000, -0.5f));
        // 1000 samples at 48 kHz from 0.995 s: samples 240..719 lie in [1.000, 1.010)
        int n = AudioMute.apply(spec, new java.nio.Buffer[] {left, right}, 2, 48_000, 995_000);
        assertThat(n).isEqualTo(480);
        assertThat(left.get(239)).isEqualTo(0.5f);
        assertThat(left.get(240)).isZero();
        assertThat(right.get(719)).isZero();
        assertThat(right.get(720)).isEqualTo(-0.5f);
        short[] inter = new short[200];
        java.util.Arrays.fill(inter, (short) 1000);
        AudioMute.apply(spec, new java.nio.Buffer[] {ShortBuffer.wrap(inter)}, 2, 10_000, 1_000_000);
        assertThat(inter[0]).isZero();
        assertThat(inter[199]).isZero();
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
