/**
 * The ledger: the one way anything is written to the index. A change and the audit events that
 * describe it go in one synced batch under one lock, so the audit chain and the index never
 * disagree. Operations (cases, exports, retention, media jobs, ingest) are handed the ledger and
 * the readers they need, never the whole vault, so dependencies point one way.
 */
package io.camvault.vault.ledger;
