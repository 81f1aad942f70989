/**
 * Local staging of upload bytes: the partial files every store's writers append to (with direct
 * I/O where the file system takes it), named by write id in one directory, and the sweep of those
 * nobody claims. A store publishes from here; the gateway never sees a path.
 */
package io.camvault.vault.store.staging;
