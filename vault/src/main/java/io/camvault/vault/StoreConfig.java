package io.camvault.vault;

import io.camvault.vault.store.s3.S3Settings;
import java.util.Objects;

/**
 * Which object store keeps the originals and how it stages upload bytes.
 *
 * @param directIo write staged upload bytes with direct I/O where the file system takes it
 *                 (setting {@code gateway.direct-io}, default true)
 * @param kind     {@code store.kind}: {@link Kind#FILE} (the default, a directory tree in the data
 *                 directory) or {@link Kind#S3} (an S3 bucket with Object Lock, e.g. in a Ceph cluster)
 * @param s3       the s3 store's settings; present exactly when {@code kind} is S3
 */
public record StoreConfig(boolean directIo, Kind kind, S3Settings s3) {

    public enum Kind { FILE, S3 }

    public StoreConfig {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.S3) != (s3 != null)) {
            throw new IllegalArgumentException(kind == Kind.S3
                    ? "store.kind=s3 needs store.s3.endpoint and store.s3.bucket"
                    : "store.s3.* settings are given but store.kind is not s3");
        }
    }

    public StoreConfig(boolean directIo) {
        this(directIo, Kind.FILE, null);
    }

    public static StoreConfig defaults() {
        return new StoreConfig(true);
    }

    public static StoreConfig s3(boolean directIo, S3Settings s3) {
        return new StoreConfig(directIo, Kind.S3, s3);
    }
}
