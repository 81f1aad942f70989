package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.media.Pacing;
import io.camvault.vault.redaction.Box;
import io.camvault.vault.redaction.Keyframe;
import io.camvault.vault.redaction.Method;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.Region;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic face redaction on {@code D333444_…mp4}: the public-domain astronaut portrait, 600×600,
 * moving across a 1080p testsrc2 scene for 4 s (test-media/generate.sh). Where the face is, frame by
 * frame, follows from how the clip was made (the overlay's position at time t plus the face's place
 * in the portrait), so the test knows the truth without trusting the detector.
 */
class FaceDetectionTest {
    static final String FACE_CLIP = "D333444_100237_20261120120000.mp4";

    @TempDir
    static Path tmp;
    static List<Region> regions;
    static RedactedCopyTest.Decoded source;
    static RedactedCopyTest.Decoded copy;

    /** The face in the clip at {@code millis}: the portrait's face (x 215..345, y 80..210 at 600 px, forehead to chin) moved with the overlay. */
    static Box face(long millis) {
        double t = millis / 1000.0;
        int x = (int) Math.round(150 + 250 * t);
        int y = (int) Math.round(240 + 30 * t);
        return new Box(x + 215, y + 80, 130, 130);
    }

    @BeforeAll
    static void detectAndRedact() throws Exception {
        Path clip = Samples.path(FACE_CLIP);
        CascadeFaceFinder finder = CascadeFaceFinder.load(CascadeFaceFinder.Settings.DEFAULT, Pacing.NONE);
        List<Double> progress = new ArrayList<>();
        regions = finder.find(clip, progress::add);
        assertThat(progress).isNotEmpty();
        Path out = tmp.resolve("faces.mp4");
        new FfmpegMediaTool().redact(clip, out, new RedactionSpec(Method.BLUR, regions, List.of()), t -> { });
        source = RedactedCopyTest.decode(clip);
        copy = RedactedCopyTest.decode(out);
    }

    @Test
    void theDetectedRegionsCoverTheFaceInAtLeast95PercentOfFrames() {
        assertThat(regions).isNotEmpty().allSatisfy(r -> assertThat(r.source()).isEqualTo(Region.AUTO_FACES));
        var spec = new RedactionSpec(Method.BLUR, regions, List.of());
        int covered = 0;
        for (RedactedCopyTest.Picture p : source.frames) {
            Box truth = face(p.millis());
            // the face's core (its central half) must lie inside one of the boxes
            Box core = new Box(truth.x() + truth.w() / 4, truth.y() + truth.h() / 4, truth.w() / 2, truth.h() / 2);
            if (spec.boxesAt(p.millis()).stream().anyMatch(b -> contains(b, core))) {
                covered++;
            }
        }
        System.out.printf("face.coverage frames=%d covered=%d%n", source.frames.size(), covered);
        assertThat((double) covered / source.frames.size()).as("share of frames whose face is covered")
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theRedactedCopyHidesTheFaceAndKeepsTheRest() {
        int hidden = 0;
        double worstPsnr = 99;
        for (int i = 0; i < copy.frames.size(); i++) {
            RedactedCopyTest.Picture c = copy.frames.get(i);
            RedactedCopyTest.Picture s = source.frames.get(i);
            Box truth = face(c.millis());
            // Threshold: a fifth of the source's edge energy. The portrait's face has ~60 (mean squared
            // neighbour difference); a blur leaves ~1-3; an unblurred re-encode keeps ~0.8 of it.
            if (c.detail(truth) < 0.2 * s.detail(truth)) {
                hidden++;
            }
            Box all = union(new RedactionSpec(Method.BLUR, regions, List.of()).boxesAt(c.millis()));
            worstPsnr = Math.min(worstPsnr, c.psnrOutside(s, all));
        }
        System.out.printf("face.redaction frames=%d hidden=%d worst_psnr_outside=%.1f regions=%d keyframes=%d%n",
                copy.frames.size(), hidden, worstPsnr, regions.size(),
                regions.stream().mapToInt(r -> r.keyframes().size()).sum());
        assertThat((double) hidden / copy.frames.size()).as("share of frames with the face hidden")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(worstPsnr).as("PSNR outside the redacted boxes").isGreaterThan(30);
    }

    @Test
    void keyframesOfASteadyFaceAreThinnedAndMovingOnesKept() {
        List<Keyframe> steady = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steady.add(new Keyframe(i * 100L, 500 + i, 300, 200, 200));
        }
        assertThat(CascadeFaceFinder.thinned(steady)).hasSize(2);
        List<Keyframe> turning = new ArrayList<>(steady.subList(0, 50));
        for (int i = 50; i < 100; i++) {
            turning.add(new Keyframe(i * 100L, 550, 300 + (i - 50) * 5, 200, 200));
        }
        List<Keyframe> thin = CascadeFaceFinder.thinned(turning);
        assertThat(thin.size()).isBetween(3, 6);
        Region r = new Region(0, 10_000, Region.AUTO_FACES, thin);
        for (Keyframe k : turning) {
            Box b = r.boxAt(k.t());
            assertThat(Math.abs(b.x() - k.x()) + Math.abs(b.y() - k.y())).isLessThanOrEqualTo(40);
        }
    }

    private static boolean contains(Box outer, Box inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.w() <= outer.x() + outer.w()
                && inner.y() + inner.h() <= outer.y() + outer.h();
    }

    private static Box union(List<Box> boxes) {
        if (boxes.isEmpty()) {
            return new Box(0, 0, 0, 0);
        }
        int x0 = boxes.stream().mapToInt(Box::x).min().orElseThrow();
        int y0 = boxes.stream().mapToInt(Box::y).min().orElseThrow();
        int x1 = boxes.stream().mapToInt(b -> b.x() + b.w()).max().orElseThrow();
        int y1 = boxes.stream().mapToInt(b -> b.y() + b.h()).max().orElseThrow();
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
