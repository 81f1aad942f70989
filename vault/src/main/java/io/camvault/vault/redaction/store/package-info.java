/**
 * Redacted copies as records of custody: which original (by SHA-256) a copy was made from, with
 * which spec (and its hash), by whom and when, and the copy's own SHA-256; rendering them through
 * the media tool as background work, each creation audited in the same write as its record.
 */
package io.camvault.vault.redaction.store;
