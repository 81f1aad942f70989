package io.camvault.vault.media;

import io.camvault.vault.VaultException;

/**
 * A media operation that could not produce its output (encoder missing, disk error, a source that
 * turned out unreadable mid-way). Probing never throws it for bad content: it reports UNPLAYABLE.
 */
public class MediaException extends VaultException {

    public MediaException(Kind kind, String message) {
        super(kind, message);
    }

    public MediaException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
