package io.camvault.vault;

/**
 * The vault's own failure. I/O and RocksDB errors are wrapped here at the vault's edge so callers
 * handle one family of exceptions; {@link #kind()} tells the gateway which answer to give.
 */
public class VaultException extends RuntimeException {

    /** A closed list: the gateway maps each to one status code. */
    public enum Kind {
        /** The thing asked for does not exist. */
        NOT_FOUND,
        /** An insert met an existing key, or a state change is not allowed from the current state. */
        CONFLICT,
        /** Bytes did not match their declared digest or size. */
        INTEGRITY,
        /** The data directory is out of space (below the configured reserve). */
        NO_SPACE,
        /** The request breaks a write-once or retention rule. */
        FORBIDDEN,
        /** Input that cannot be stored (bad identifier, oversize field). */
        INVALID,
        /** Storage failed underneath us. */
        IO,
        /** A capability this machine lacks, such as native libraries that did not load. */
        UNAVAILABLE
    }

    private final Kind kind;

    public VaultException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public VaultException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
