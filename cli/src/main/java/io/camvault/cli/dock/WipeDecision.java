package io.camvault.cli.dock;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a file may be deleted from the recorder: only when the daemon's final answer named a
 * segment, a separate GET of that same segment confirmed it, and the confirmed SHA-256 and size equal
 * what this dock computed from the file. Any doubt (a missing piece, a mismatch, a malformed hash)
 * keeps the file.
 *
 * @param wipe   whether the file may be deleted
 * @param reason why not, for the receipt ({@code null} when it may be wiped)
 */
public record WipeDecision(boolean wipe, String reason) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public static WipeDecision decide(String localSha256, long localSize, Confirmation c) {
        if (localSha256 == null || !HEX64.matcher(localSha256.toLowerCase(Locale.ROOT)).matches()) {
            return keep("the local SHA-256 is unknown");
        }
        if (localSize < 0) {
            return keep("the local size is unknown");
        }
        if (c == null || c.answeredSegment() == null || c.answeredSegment().isBlank()) {
            return keep("the daemon's final answer named no segment");
        }
        if (c.segmentId() == null) {
            return keep("the segment was not confirmed by the daemon");
        }
        if (!c.segmentId().equals(c.answeredSegment())) {
            return keep("the confirmed segment " + c.segmentId() + " is not the answered " + c.answeredSegment());
        }
        if (c.sha256() == null || !c.sha256().equalsIgnoreCase(localSha256)) {
            return keep("the confirmed SHA-256 differs from the file's");
        }
        if (c.size() == null || c.size() != localSize) {
            return keep("the confirmed size differs from the file's");
        }
        return new WipeDecision(true, null);
    }

    private static WipeDecision keep(String reason) {
        return new WipeDecision(false, reason);
    }
}
