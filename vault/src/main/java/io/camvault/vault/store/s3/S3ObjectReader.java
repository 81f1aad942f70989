package io.camvault.vault.store.s3;

import io.camvault.vault.store.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One version of an object, read with ranged GETs. Reads that continue where the last one ended
 * reuse its open response (a whole-object read is one GET); a read elsewhere opens a new range from
 * there to the end. Positional reads from any thread, one at a time.
 */
final class S3ObjectReader implements ObjectReader {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String versionId;
    private final long size;
    private ResponseInputStream<GetObjectResponse> open;
    private long openAt = -1;

    S3ObjectReader(S3Client s3, String bucket, String key, String versionId, long size) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized int read(ByteBuffer target, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        if (open == null || openAt != position) {
            closeOpen();
            try {
                open = s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)
                        .range("bytes=" + position + "-" + (size - 1)));
            } catch (SdkException e) {
                throw new IOException("GET of " + key + " version " + versionId + " from " + position + " failed: "
                        + e.getMessage(), e);
            }
            openAt = position;
        }
        int want = (int) Math.min(target.remaining(), size - position);
        int n = readInto(open, target, want);
        if (n < 0) {
            closeOpen();
            throw new IOException("object " + key + " ended at " + position + " of " + size + " bytes");
        }
        openAt += n;
        return n;
    }

    private static int readInto(InputStream in, ByteBuffer target, int want) throws IOException {
        if (target.hasArray()) {
            int n = in.read(target.array(), target.arrayOffset() + target.position(), want);
            if (n > 0) {
                target.position(target.position() + n);
            }
            return n;
        }
        byte[] chunk = new byte[Math.min(want, 1 << 16)];
        int n = in.read(chunk, 0, chunk.length);
        if (n > 0) {
            target.put(chunk, 0, n);
        }
        return n;
    }

    private void closeOpen() {
        if (open != null) {
            open.abort();
            try {
                open.close();
            } catch (IOException ignored) {
                // aborted: nothing left to release
            }
            open = null;
        }
    }

    @Override
    public synchronized void close() {
        closeOpen();
    }
}
