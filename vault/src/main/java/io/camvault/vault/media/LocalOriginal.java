package io.camvault.vault.media;

import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Digests;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * An original as a local file for FFmpeg, which reads files: the store's own file where it keeps
 * objects as local files, else a copy fetched through the seam into {@code scratch}, re-hashed on
 * the way and refused unless it matches the address (the store's bytes are trusted only once
 * checked). A copy is deleted on {@link #close()}.
 */
public final class LocalOriginal implements AutoCloseable {
    private final Path path;
    private final boolean copy;

    private LocalOriginal(Path path, boolean copy) {
        this.path = path;
        this.copy = copy;
    }

    public static LocalOriginal of(ObjectStore objects, Sha256 sha256, Path scratch) {
        var local = objects.localFiles().flatMap(l -> l.localFile(sha256));
        if (local.isPresent()) {
            return new LocalOriginal(local.get(), false);
        }
        Path tmp = scratch.resolve(".original-" + UUID.randomUUID());
        MessageDigest md = Digests.newSha256();
        try {
            Files.createDirectories(scratch);
            try (ObjectReader reader = objects.open(sha256); InputStream in = reader.stream();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                in.transferTo(out);
            }
            Sha256 actual = Sha256.of(md.digest());
            if (!actual.equals(sha256)) {
                throw new VaultException(VaultException.Kind.INTEGRITY, "original read back from " + objects.describe()
                        + " hashes to " + actual.hex() + ", not " + sha256.hex());
            }
            return new LocalOriginal(tmp, true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new VaultException(VaultException.Kind.IO, "cannot fetch original " + sha256.hex() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (copy) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stray scratch copy is removed with the next discard of the directory
        }
    }
}
