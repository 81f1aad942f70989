package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;

/**
 * A committed original: its digest, its length in bytes, and the store's version of it (null
 * where the store does not version objects). Two versions of one address hold the same bytes.
 */
public record StoredObject(Sha256 sha256, long size, String version) {

    public StoredObject(Sha256 sha256, long size) {
        this(sha256, size, null);
    }
}
