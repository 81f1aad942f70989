package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;

/**
 * The one way a committed original can be removed. Only the retention job is handed an instance;
 * the gateway and the CLI never see one.
 */
public interface ObjectPurger {

    /**
     * Removes every version of the object, if the store allows it. A store that enforces retention
     * refuses while any version is locked or held ({@link PurgeOutcome.Result#REFUSED}, naming why):
     * the caller keeps the removal pending and tries again later.
     */
    PurgeOutcome purge(Sha256 sha256);
}
