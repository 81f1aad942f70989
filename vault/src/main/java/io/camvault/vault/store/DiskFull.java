package io.camvault.vault.store;

import java.io.IOException;

/**
 * Recognises a file system that ran out of space (or out of quota), wherever the error surfaced:
 * the JDK reports both as a plain {@link IOException} carrying the system's message, so the
 * message is all there is to go by. A full disk is a state to wait out ({@code 507}, retry later),
 * not a fault, and must never be reported as an internal error.
 */
public final class DiskFull {
    private DiskFull() {
    }

    /** Whether {@code t} or one of its causes is an I/O error for a full disk or an exhausted quota. */
    public static boolean causes(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null
                    && (c.getMessage().contains("No space left on device")
                            || c.getMessage().contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
