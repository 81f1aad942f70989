/**
 * The append-only, hash-chained audit log and its verifier. The chain rules (canonical encoding,
 * link hash) are plain functions so the verifier and the writer can never disagree.
 */
package io.camvault.vault.audit;
