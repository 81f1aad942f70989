package io.camvault.vault;

/**
 * Which object store keeps the originals and how it stages upload bytes.
 *
 * @param directIo write staged upload bytes with direct I/O where the file system takes it
 *                 (setting {@code gateway.direct-io}, default true)
 */
public record StoreConfig(boolean directIo) {

    public static StoreConfig defaults() {
        return new StoreConfig(true);
    }
}
