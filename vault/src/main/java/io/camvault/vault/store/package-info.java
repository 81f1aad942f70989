/**
 * The object store seam for originals: content-addressed, write-once. {@link io.camvault.vault.store.ObjectStore}
 * hands out a writer per upload (stage, then commit under the SHA-256, idempotently) and readers by
 * address; what only some stores can do are optional capabilities: local files (sendfile, FFmpeg in
 * place), retention control (a store that enforces locks itself) and purge (given to the retention
 * job alone). No {@code Path} and no SDK type crosses the seam. The file store is the embedded
 * default; the memory store is its twin for tests (and, enforcing, a model of an Object Lock store).
 */
package io.camvault.vault.store;
