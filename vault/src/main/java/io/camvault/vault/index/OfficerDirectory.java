package io.camvault.vault.index;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Officer;
import io.camvault.vault.model.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Which badges an officer's name stands for, as the docks reported them. Badges stay the keys of
 * segments; this only lets a person search by the name they know ("张伟"), which may be shared by
 * several officers, or by one officer whose badge changed. An entry is written with every
 * committed segment that carries a name and is never removed, so an earlier name still finds the
 * footage recorded under it; the value holds the latest unit seen with that name and badge.
 */
public final class OfficerDirectory {
    private final KvStore kv;

    public OfficerDirectory(KvStore kv) {
        this.kv = kv;
    }

    /** Stages the name → badge entry of a segment being committed (nothing when it has no name or badge). */
    public static void stage(KvBatch batch, Segment s) {
        if (s.officerName() == null || s.officerBadge() == null) {
            return;
        }
        batch.put(ColumnFamily.OFFICER_NAMES, Keys.officerNameKey(s.officerName(), s.officerBadge()),
                Records.encode(new Officer(s.officerBadge(), s.officerName(), s.unitCode(), s.unitName())));
    }

    /** The officers recorded under exactly this name, by badge; empty when none (or the name cannot be a key). */
    public List<Officer> byName(String name) {
        byte[] prefix;
        try {
            prefix = Keys.officerNamePrefix(name);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Officer> out = new ArrayList<>();
        kv.scan(ColumnFamily.OFFICER_NAMES, prefix, Keys.prefixEnd(prefix), (k, v) -> {
            out.add(Records.decode(v, Officer.class));
            return true;
        });
        return out;
    }
}
