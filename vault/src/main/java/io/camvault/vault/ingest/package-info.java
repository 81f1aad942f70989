/**
 * Committing originals: the object store's commit (outside the ledger's lock, under the object's
 * guard), then the segment, its keys, its media job and its audit event in one ledger batch.
 */
package io.camvault.vault.ingest;
