/**
 * The ordered key-value layer under the index: column families with stable ids, atomic write
 * batches, range scans. Two implementations honour the same contract — RocksDB for the daemon
 * and a sorted in-memory map for tests — so every typed store above is tested against both.
 */
package io.camvault.vault.kv;
