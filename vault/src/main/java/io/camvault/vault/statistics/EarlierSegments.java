package io.camvault.vault.statistics;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments committed by releases that decided lateness in an hourly job and kept no duration get
 * both once, when the daemon starts on their data directory: lateness as it would have been decided
 * at their commit (declared end, ingest time, the threshold), the duration from the media record if
 * the probe already ran. Runs before the gateway serves, so no figure is ever computed from an
 * undecided segment; once a pass has finished, a marker in META makes later starts skip it. Each
 * batch of decided segments is one synced write with one audit event.
 */
public final class EarlierSegments {
    private static final Logger LOG = LoggerFactory.getLogger(EarlierSegments.class);
    private static final int BATCH = 500;

    private EarlierSegments() {
    }

    /** Decides every undecided segment; returns how many it changed (0 once done for this index). */
    public static long decide(Vault vault) {
        if (vault.kv().get(ColumnFamily.META, Keys.META_FIGURES_DECIDED) != null) {
            return 0;
        }
        MediaJobs media = vault.mediaJobs();
        List<SegmentId> pending = new ArrayList<>();
        long[] changed = {0};
        vault.segments().forEachFrom(null, s -> {
            if (s.late() == null || s.durationMillis() == null && media.record(s.id()).isPresent()) {
                pending.add(s.id());
            }
            if (pending.size() >= BATCH) {
                changed[0] += write(vault, media, pending);
            }
            return true;
        });
        changed[0] += write(vault, media, pending);
        vault.commit(b -> b.put(ColumnFamily.META, Keys.META_FIGURES_DECIDED, new byte[] {1}), List.of());
        if (changed[0] > 0) {
            LOG.info("segments.figures_decided count={} threshold={}", changed[0],
                    vault.timeliness().threshold());
        }
        return changed[0];
    }

    private static int write(Vault vault, MediaJobs media, List<SegmentId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<SegmentId> batch = List.copyOf(ids);
        ids.clear();
        int[] n = {0};
        vault.commitAudited(b -> {
            for (SegmentId id : batch) {
                Segment s = vault.segments().get(id).orElse(null);
                if (s == null) {
                    continue; // purged meanwhile
                }
                Segment after = s.late() == null ? vault.timeliness().decide(b, s) : s;
                if (after.durationMillis() == null) {
                    Long known = media.record(id).map(r -> r.knownDurationMillis()).orElse(null);
                    after = after.withDuration(known);
                }
                if (!Objects.equals(after, s)) {
                    vault.segments().update(b, s, after);
                    n[0]++;
                }
            }
            return n[0] == 0 ? List.of() : List.of(AuditEntry.success(Vault.SYSTEM, "segments.figures_decided",
                    "report:figures", Map.of("count", Integer.toString(n[0]),
                            "threshold", vault.timeliness().threshold().toString())));
        });
        return n[0];
    }
}
