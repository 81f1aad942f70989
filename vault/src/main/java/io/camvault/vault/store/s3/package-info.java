/**
 * The {@code s3} object store: originals as versioned objects under S3 Object Lock in COMPLIANCE
 * mode (Ceph RGW, or any S3 store that passes the start-up canary), so write-once is enforced by
 * the storage cluster and not only by camvault. The AWS SDK for Java v2 is confined to this package
 * (CONVENTIONS habit 14): nothing outside it sees an SDK type. Key layout, the retention-to-lock
 * mapping and the canary are described on {@link io.camvault.vault.store.s3.S3ObjectStore}.
 */
package io.camvault.vault.store.s3;
