package io.camvault.vault.store.s3;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Digests;
import io.camvault.vault.store.ObjectCommit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Sends staged bytes into the bucket: one PUT, or a multipart upload of {@code store.s3.part-size}
 * parts, each with its Content-MD5 (the cluster rejects a part whose bytes do not match), re-hashing
 * with SHA-256 as it reads so that bytes which do not match the declared address are never published
 * (the multipart upload is aborted). Lock settings travel with the request that creates the object.
 */
final class Uploads {
    private final S3Client s3;
    private final S3Settings settings;

    Uploads(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** Uploads the staged file as {@code key}; returns the new version id. */
    String upload(Path staged, String key, ObjectCommit c, Optional<Instant> until) {
        Map<String, String> meta = new HashMap<>();
        meta.put("sha256", c.sha256().hex());
        if (c.sm3() != null) {
            meta.put("sm3", c.sm3());
        }
        boolean hold = c.protection().legalHold();
        try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.READ)) {
            if (c.size() <= settings.partSize()) {
                byte[] bytes = new byte[(int) c.size()];
                readFully(ch, ByteBuffer.wrap(bytes), 0);
                requireDigest(Digests.sha256(bytes), c.sha256(), key);
                return putSmall(key, bytes, "application/octet-stream", meta, until, hold);
            }
            return multipart(ch, key, c, meta, until, hold);
        } catch (IOException e) {
            throw new VaultException(Kind.IO, "cannot read staged file " + staged + ": " + e.getMessage(), e);
        }
    }

    /** One PUT with Content-MD5 and the lock; returns the version id. */
    String putSmall(String key, byte[] bytes, String contentType, Map<String, String> meta, Optional<Instant> until,
                    boolean hold) {
        return put(s3, settings.bucket(), key, bytes, contentType, meta, until, hold);
    }

    static String put(S3Client s3, String bucket, String key, byte[] bytes, String contentType,
                      Map<String, String> meta, Optional<Instant> until, boolean hold) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType(contentType).contentLength((long) bytes.length).contentMD5(md5(bytes, bytes.length))
                .metadata(meta);
        until.ifPresent(u -> req.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(u));
        if (hold) {
            req.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        try {
            // an empty provider body is signed as another payload than RGW sees: 400 XAmzContentSHA256Mismatch
            RequestBody body = bytes.length == 0 ? RequestBody.empty()
                    : RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, contentType);
            return s3.putObject(req.build(), body).versionId();
        } catch (SdkException e) {
            throw S3Errors.wrap("PUT of " + key, e);
        }
    }

    private String multipart(FileChannel ch, String key, ObjectCommit c, Map<String, String> meta,
                             Optional<Instant> until, boolean hold) throws IOException {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(settings.bucket())
                .key(key).contentType("application/octet-stream").metadata(meta);
        until.ifPresent(u -> create.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(u));
        if (hold) {
            create.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(create.build()).uploadId();
        } catch (SdkException e) {
            throw S3Errors.wrap("start of the multipart upload of " + key, e);
        }
        boolean completed = false;
        try {
            MessageDigest sha = Digests.newSha256();
            byte[] part = new byte[(int) settings.partSize()];
            List<CompletedPart> parts = new ArrayList<>();
            long position = 0;
            for (int number = 1; position < c.size(); number++) {
                int n = (int) Math.min(part.length, c.size() - position);
                readFully(ch, ByteBuffer.wrap(part, 0, n), position);
                sha.update(part, 0, n);
                final int partNumber = number;
                final int length = n;
                String etag;
                try {
                    etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                            .partNumber(partNumber).contentLength((long) length).contentMD5(md5(part, length)),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                                    "application/octet-stream")).eTag();
                } catch (SdkException e) {
                    throw S3Errors.wrap("part " + partNumber + " of " + key, e);
                }
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                position += n;
            }
            requireDigest(Sha256.of(sha.digest()), c.sha256(), key);
            String version;
            try {
                version = s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts))).versionId();
            } catch (SdkException e) {
                throw S3Errors.wrap("completion of the multipart upload of " + key, e);
            }
            completed = true;
            return version;
        } finally {
            if (!completed) {
                abortQuietly(key, uploadId);
            }
        }
    }

    /**
     * Aborts the multipart uploads of {@code key} still open once its object is stored: leftovers of
     * commits cut short (RGW killed mid-upload cannot be told to abort). One another node still runs
     * fails at completion and is answered from the stored object when it retries.
     */
    void abortLeftovers(String key) {
        try {
            for (var page : s3.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(key))) {
                page.uploads().stream().filter(u -> u.key().equals(key)).forEach(u -> {
                    abortQuietly(key, u.uploadId());
                    org.slf4j.LoggerFactory.getLogger(Uploads.class).info(
                            "object.multipart_leftover_aborted key={} initiated={}", key, u.initiated());
                });
            }
        } catch (SdkException e) {
            org.slf4j.LoggerFactory.getLogger(Uploads.class).warn("object.multipart_list_failed key={} error=\"{}\"",
                    key, e.toString());
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            org.slf4j.LoggerFactory.getLogger(Uploads.class).warn("object.multipart_abort_failed key={} error=\"{}\"",
                    key, e.toString());
        }
    }

    /** Re-hashes a staged file: bytes claiming an address that is already stored must hash to it. */
    static void verifyStaged(Path staged, Sha256 declared) {
        Sha256 actual;
        try {
            actual = Digests.sha256(staged);
        } catch (IOException e) {
            throw new VaultException(Kind.IO, "cannot read staged file " + staged + ": " + e.getMessage(), e);
        }
        requireDigest(actual, declared, "the stored object");
    }

    private static void requireDigest(Sha256 actual, Sha256 declared, String key) {
        if (!actual.equals(declared)) {
            throw new VaultException(Kind.INTEGRITY, "digest mismatch: declared sha256=" + declared.hex()
                    + ", staged bytes hash to " + actual.hex() + "; nothing was stored (" + key + ")");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = ch.read(target, at);
            if (n < 0) {
                throw new IOException("staged file ended at " + at + " bytes");
            }
            at += n;
        }
    }

    static String md5(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(bytes, 0, length);
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JRE has no MD5", e);
        }
    }
}
