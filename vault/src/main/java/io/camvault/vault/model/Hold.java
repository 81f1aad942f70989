package io.camvault.vault.model;

import java.time.Instant;

/** A legal hold: while present, nothing may purge the segment whatever its retain-until. */
public record Hold(String id, String reason, String placedBy, Instant placedAt) {
}
