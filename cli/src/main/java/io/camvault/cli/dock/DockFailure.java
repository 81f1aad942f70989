package io.camvault.cli.dock;

/** A file that could not be uploaded or confirmed; the message is the receipt's reason. */
final class DockFailure extends Exception {
    private final boolean stopAll;

    DockFailure(String reason, boolean stopAll) {
        super(reason, null, false, false);
        this.stopAll = stopAll;
    }

    /** Whether no other file can succeed either (the token is refused). */
    boolean stopAll() {
        return stopAll;
    }
}
