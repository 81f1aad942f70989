package io.camvault.vault.store.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** The versions of one key (a listing by prefix returns longer keys too: they are dropped). */
final class Versions {
    private Versions() {
    }

    /** A version or a delete marker. */
    record Entry(String versionId, boolean deleteMarker) {
    }

    /** The key's object versions, newest first, without delete markers. */
    static List<ObjectVersion> objects(S3Client s3, String bucket, String key) {
        List<ObjectVersion> out = new ArrayList<>();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key))) {
            page.versions().stream().filter(v -> v.key().equals(key)).forEach(out::add);
        }
        out.sort(Comparator.comparing((ObjectVersion v) -> !Boolean.TRUE.equals(v.isLatest()))
                .thenComparing(ObjectVersion::lastModified, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    /** Every version and delete marker of the key. */
    static List<Entry> all(S3Client s3, String bucket, String key) {
        List<Entry> out = new ArrayList<>();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key))) {
            page.versions().stream().filter(v -> v.key().equals(key)).forEach(v -> out.add(new Entry(v.versionId(), false)));
            page.deleteMarkers().stream().filter(m -> m.key().equals(key))
                    .forEach(m -> out.add(new Entry(m.versionId(), true)));
        }
        return out;
    }
}
