package io.camvault.vault.store;

/** The file store's commit protocol steps, named in error messages and logs. */
enum CommitStep {
    FSYNC_FILE("fsync staged file"),
    VERIFY("verify size and digest"),
    CHECK_EXISTING("check for an existing object"),
    SET_READ_ONLY("make read-only"),
    CREATE_DIRS("create directories"),
    RENAME("rename into place"),
    FSYNC_DIR("fsync directories");

    final String label;

    CommitStep(String label) {
        this.label = label;
    }
}
