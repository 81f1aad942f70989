package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;

/**
 * The one way a committed original can be removed. Only the retention job is handed an instance;
 * the gateway and the CLI never see one.
 */
public interface ObjectPurger {

    /** Removes the object; returns {@code false} if it was already gone. */
    boolean purge(Sha256 sha256);
}
