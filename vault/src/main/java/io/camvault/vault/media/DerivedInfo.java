package io.camvault.vault.media;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The sidecar {@code <derived>.json} beside every derived file: where it came from and how, so a
 * rendition, thumbnail or clip can always be traced to the original's hash and rebuilt.
 *
 * @param sourceSha256  hex SHA-256 of the original it was made from
 * @param kind          "rendition", "poster", "strip" or "clip"
 * @param settings      what was asked (plan, proxy settings, clip window), as strings
 * @param toolVersion   {@link MediaTool#version()}
 * @param derivedSha256 hex SHA-256 of the derived file itself (clips go into the audit log with it)
 */
public record DerivedInfo(int version, String sourceSha256, String kind, Map<String, String> settings,
                          String toolVersion, String derivedSha256, long bytes, Instant createdAt) {

    public static final int CURRENT_VERSION = 1;

    public DerivedInfo {
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        Objects.requireNonNull(kind, "kind");
        settings = Map.copyOf(settings);
    }
}
