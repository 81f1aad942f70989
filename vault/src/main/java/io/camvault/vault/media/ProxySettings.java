package io.camvault.vault.media;

/**
 * How a transcoded rendition (a "proxy") is encoded. Validated once; the defaults favour speed
 * because proxies are for review, never evidence: 480 lines, x264 {@code ultrafast} at 1 Mbit/s,
 * AAC at 96 kbit/s, a keyframe every 2 s so seeking in a browser stays quick.
 *
 * @param height        output height in lines; width follows the aspect ratio, rounded to even.
 *                      0 keeps the source size (used by exact clips)
 * @param videoEncoder  FFmpeg encoder name; null picks libx264 when the natives have it, else
 *                      libopenh264 (the LGPL natives carry only the latter)
 * @param preset        x264 preset; ignored by encoders without presets
 * @param videoBitRate  bit/s
 * @param audioBitRate  bit/s
 * @param gopSeconds    keyframe interval
 */
public record ProxySettings(int height, String videoEncoder, String preset, int videoBitRate,
                            int audioBitRate, int gopSeconds) {

    public static final ProxySettings DEFAULT = new ProxySettings(480, null, "ultrafast", 1_000_000, 96_000, 2);

    public ProxySettings {
        if (height < 0 || height > 4320 || height % 2 != 0) {
            throw new IllegalArgumentException("proxy height must be even and within 0..4320, got " + height);
        }
        if (videoBitRate < 50_000 || audioBitRate < 16_000) {
            throw new IllegalArgumentException("proxy bit rates too low: video " + videoBitRate
                    + " audio " + audioBitRate + " bit/s");
        }
        if (gopSeconds < 1 || gopSeconds > 10) {
            throw new IllegalArgumentException("gopSeconds must be within 1..10, got " + gopSeconds);
        }
    }

    public ProxySettings withHeight(int h) {
        return new ProxySettings(h, videoEncoder, preset, videoBitRate, audioBitRate, gopSeconds);
    }

    public ProxySettings withVideoEncoder(String encoder) {
        return new ProxySettings(height, encoder, preset, videoBitRate, audioBitRate, gopSeconds);
    }
}
