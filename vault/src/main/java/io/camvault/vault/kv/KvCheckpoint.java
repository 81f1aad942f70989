package io.camvault.vault.kv;

import java.nio.file.Path;

/**
 * A store that can write a consistent copy of itself while it keeps taking writes: the layout
 * migration's automatic backup and {@code camvault admin backup} use it.
 */
public interface KvCheckpoint {

    /**
     * Writes a copy of the store as it is now into {@code target}, which must not exist. Every write
     * acknowledged before the call is in the copy. Files are hard-linked where the file system allows
     * (the copy then costs next to no space until the store compacts), else copied.
     *
     * @throws io.camvault.vault.VaultException IO when the copy cannot be written
     */
    void checkpointTo(Path target);
}
