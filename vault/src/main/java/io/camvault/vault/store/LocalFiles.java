package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.nio.file.Path;
import java.util.Optional;

/** A store whose objects are read-only local files: the gateway sends them with sendfile, FFmpeg reads them in place. */
public interface LocalFiles {

    /** The object's file, when it exists. */
    Optional<Path> localFile(Sha256 sha256);
}
