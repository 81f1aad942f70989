package io.camvault.vault.integrity;

import io.camvault.vault.model.SegmentId;
import java.time.Instant;

/**
 * Where the fixity pass stands ({@code META/fixity.cursor}): when the pass began, the last segment
 * checked (null: none yet), running counts, and when it finished (null: still going).
 */
public record FixityCursor(Instant passStartedAt, SegmentId lastChecked, long checked, long failed, long bytes,
        Instant completedAt) {

    static FixityCursor startAt(Instant now) {
        return new FixityCursor(now, null, 0, 0, 0, null);
    }

    FixityCursor after(SegmentId id, long size, boolean ok) {
        return new FixityCursor(passStartedAt, id, checked + 1, failed + (ok ? 0 : 1), bytes + size, null);
    }

    FixityCursor completed(Instant now) {
        return new FixityCursor(passStartedAt, lastChecked, checked, failed, bytes, now);
    }
}
