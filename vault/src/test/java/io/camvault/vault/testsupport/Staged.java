package io.camvault.vault.testsupport;

import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;

/** Writers holding given bytes, as an upload leaves them before its commit. */
public final class Staged {
    private Staged() {
    }

    /** A new writer of {@code store} with {@code bytes} appended and synced. */
    public static ObjectWriter writer(ObjectStore store, byte[] bytes) {
        ObjectWriter w = store.writer("t-" + UUID.randomUUID());
        try {
            w.create();
            w.append(ByteBuffer.wrap(bytes));
            w.sync();
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w;
    }

    /** The local file of an object of a store that keeps local files. */
    public static Path localFile(ObjectStore store, io.camvault.vault.model.Sha256 sha256) {
        return store.localFiles().orElseThrow().localFile(sha256).orElseThrow();
    }
}
