/**
 * The write-once, content-addressed object store for originals. Committing is the only way in;
 * nothing here overwrites or deletes a committed object except {@link io.camvault.vault.store.ObjectPurger},
 * the narrow entry point the retention job alone is given.
 */
package io.camvault.vault.store;
