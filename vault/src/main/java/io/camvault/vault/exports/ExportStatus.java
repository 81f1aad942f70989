package io.camvault.vault.exports;

/** Where an export request stands. Only an APPROVED export may be downloaded. */
public enum ExportStatus {
    REQUESTED, APPROVED, REJECTED
}
