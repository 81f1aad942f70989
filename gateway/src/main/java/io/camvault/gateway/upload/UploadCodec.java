package io.camvault.gateway.upload;

import io.camvault.vault.kv.Records;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of upload records in {@code ColumnFamily.UPLOADS}. Key: the upload id's 32
 * ASCII hex characters (ids are random, so their order means nothing). Value: the vault's
 * versioned record codec.
 */
public final class UploadCodec {
    private UploadCodec() {
    }

    public static byte[] key(String id) {
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    public static String id(byte[] key) {
        return new String(key, StandardCharsets.US_ASCII);
    }

    public static byte[] encode(UploadRecord record) {
        return Records.encode(record);
    }

    public static UploadRecord decode(byte[] value) {
        return Records.decode(value, UploadRecord.class);
    }
}
