/**
 * The append-only, hash-chained audit log and its verifier. The chain rules (canonical encoding,
 * link hash) are plain functions in {@link io.camvault.vault.audit.AuditChain} so the writer
 * ({@link io.camvault.vault.audit.AuditLog}) and the offline verifier
 * ({@link io.camvault.vault.audit.AuditVerifier}) can never disagree. The chain head is stored
 * beside the events in the same batch, so removing the newest events is as visible as editing one.
 */
package io.camvault.vault.audit;
