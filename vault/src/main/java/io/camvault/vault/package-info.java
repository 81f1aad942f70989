/**
 * Everything about keeping evidence: the write-once object store, the RocksDB index, the audit
 * chain and principals. This module never opens a socket; the gateway and the CLI reach it only
 * through {@link io.camvault.vault.Vault}.
 */
package io.camvault.vault;
