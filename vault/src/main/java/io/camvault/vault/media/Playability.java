package io.camvault.vault.media;

/** Whether a browser can play an original as it is, after a remux, or not at all. */
public enum Playability {
    /** H.264/AAC (or AAC alone) in MP4/MOV: a stream-copy remux with the index up front suffices. */
    PLAYABLE,
    /** Decodable, but a browser needs it transcoded (H.265, MJPEG, PCM, AVI, ...). */
    NEEDS_TRANSCODE,
    /** Truncated, corrupt, or without any audio/video stream; the original is kept as it is. */
    UNPLAYABLE
}
