package io.camvault.vault.store.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK client as camvault needs it against RGW (FACTS.md): the SDK's default streaming trailer
 * checksums fail on RGW 16 over http (400 XAmzContentSHA256Mismatch) and its x-amz-checksum-sha256
 * is accepted and ignored there, so checksums are sent only where an operation requires one, as
 * Content-MD5 (which RGW validates), and camvault sets Content-MD5 on every PUT and part itself.
 */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client build(S3Settings s) {
        return S3Client.builder()
                .endpointOverride(s.endpoint())
                .region(Region.of(s.region()))
                .forcePathStyle(s.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        s.credentials().accessKeyId(), s.credentials().secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                // RGW 16 rejects an empty aws-chunked body (400 XAmzContentSHA256Mismatch): sign whole payloads
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(128)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(s.attemptTimeout()))
                // RGW with its OSD down hangs rather than refuses: bound each attempt and each call with its
                // retries, so a commit answers "unavailable" (and keeps its bytes) instead of waiting minutes
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(s.attemptTimeout()).apiCallTimeout(s.callTimeout()))
                .build();
    }
}
