package io.camvault.vault.model;

/** Retention classes; a segment only ever moves to a longer-kept class. */
public enum RetentionClass {
    /** Kept for the routine period (default 180 days after recording end). */
    ROUTINE,
    /** Linked to a case or marked important on the recorder. */
    EVIDENCE,
    /** Tied to a major case: kept for good. */
    MAJOR
}
