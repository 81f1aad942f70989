/**
 * Backups of a data directory while the daemon runs (and of a stopped one), and restores into a
 * new directory: an index checkpoint, the originals (hard links where the file system allows,
 * verified copies otherwise), the node key and signed checkpoints, and a manifest of hashes that
 * {@code sha256sum -c} also reads. A backup holds everything acknowledged before it started.
 */
package io.camvault.vault.backup;
