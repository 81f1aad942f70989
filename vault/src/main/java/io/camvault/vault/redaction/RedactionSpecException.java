package io.camvault.vault.redaction;

import io.camvault.vault.VaultException;

/** A spec that cannot be applied: the message says which field and why. */
public final class RedactionSpecException extends VaultException {
    public RedactionSpecException(String message) {
        super(Kind.INVALID, message);
    }
}
