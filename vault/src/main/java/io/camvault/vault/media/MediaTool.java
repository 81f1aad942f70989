package io.camvault.vault.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one door to media processing. Implementations write only to the destination they are given
 * (the caller publishes it durably into the {@link DerivedStore}); sources are opened read-only.
 * Every method but {@link #probe} throws {@link MediaException} when it cannot produce its output.
 */
public interface MediaTool {

    /** Reads the container and stream headers. Never throws for bad content: see {@link Playability}. */
    MediaFacts probe(Path src);

    /** Stream-copies H.264/AAC (or AAC alone) into MP4 with the index up front; no re-encode. */
    void remux(Path src, Path dst);

    /** Re-encodes to H.264/AAC MP4 (or AAC in MP4 for audio only) at the given settings. */
    void transcode(Path src, Path dst, ProxySettings settings);

    /** A JPEG of the frame at {@code at} (clamped to the duration), or the photo scaled. */
    void thumbnail(Path src, Duration at, Path dstJpeg);

    /** JPEGs every {@code interval} from the start, named {@code strip-0001.jpg} ... in {@code dir}. */
    List<Path> strip(Path src, Duration interval, Path dir);

    /**
     * {@code [from, to]} of the source as MP4. Fast: stream copy from the keyframe at or before
     * {@code from} (so it may start up to one GOP early). Exact: re-encoded at the source size.
     */
    void clip(Path src, Duration from, Duration to, Path dst, boolean exact);

    /**
     * Renders {@code spec} over the whole of {@code src} into an H.264/AAC MP4 at the source size:
     * its boxes hidden in every frame they cover, its mute ranges silent. {@code progress} hears the
     * time (microseconds) of each frame rendered.
     */
    default void redact(Path src, Path dst, io.camvault.vault.redaction.RedactionSpec spec,
                        java.util.function.LongConsumer progress) {
        throw new MediaException(io.camvault.vault.VaultException.Kind.UNAVAILABLE, "this media tool cannot redact");
    }

    /** Face detection for redaction suggestions, where its natives load on this machine. */
    default java.util.Optional<io.camvault.vault.redaction.FaceFinder> faceFinder() {
        return java.util.Optional.empty();
    }

    /** Names the library versions, recorded in every derived file's metadata. */
    String version();

    /**
     * This tool with its long loops (frames, packets) calling {@code pacing} between units of work,
     * for background jobs that must give way to ingest. A tool without such loops returns itself.
     */
    default MediaTool paced(Pacing pacing) {
        return this;
    }
}
