package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;

/** A committed original: its digest and its length in bytes. */
public record StoredObject(Sha256 sha256, long size) {
}
