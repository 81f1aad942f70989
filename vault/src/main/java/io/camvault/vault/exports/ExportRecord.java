package io.camvault.vault.exports;

import io.camvault.vault.store.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A request to hand a case's footage out of the vault. {@code approvedBy}/{@code approvedAt} are
 * set when a second person approves (or rejects) it.
 *
 * @param items the exact originals (ids, SHA-256, descriptions) requested, approved and released;
 *              {@code null} only in requests made before exports named their items, which can be
 *              neither approved nor downloaded
 * @param scope the SHA-256 of {@code items} in a canonical form ({@link #scopeOf}), recorded with the
 *              request and the approval so the trail shows which set was approved
 */
public record ExportRecord(
        String id,
        String caseId,
        String requestedBy,
        String reason,
        Instant requestedAt,
        ExportStatus status,
        String approvedBy,
        Instant approvedAt,
        List<ExportItem> items,
        String scope) {

    public ExportRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(status, "status");
        items = items == null ? null : List.copyOf(items);
    }

    ExportRecord decided(ExportStatus newStatus, String by, Instant at) {
        return new ExportRecord(id, caseId, requestedBy, reason, requestedAt, newStatus, by, at, items, scope);
    }

    /** Whether the record names the exact set it releases (every request since items were introduced). */
    public boolean fixesItsItems() {
        return items != null && scope != null && scope.equals(scopeOf(items));
    }

    /**
     * SHA-256 over one line per item, in order: segment id, SHA-256 of the original, and the SHA-256
     * of the description's fields, separated by tabs. Any change to the set, its bytes or its
     * descriptions changes it.
     */
    public static String scopeOf(List<ExportItem> items) {
        MessageDigest all = Digests.newSha256();
        for (ExportItem i : items) {
            MessageDigest d = Digests.newSha256();
            var desc = i.description();
            for (String f : new String[] {desc.text(), desc.what(), desc.who(), desc.where(), desc.when()}) {
                d.update(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            String line = i.segmentId() + "\t" + i.sha256() + "\t" + HexFormat.of().formatHex(d.digest()) + "\n";
            all.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(all.digest());
    }
}
