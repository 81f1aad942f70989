package io.camvault.vault.integrity;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import java.util.ArrayList;
import java.util.List;

/** The {@code ALARMS} family: raised-at + id → {@link Alarm} ({@link Records}), oldest first. */
public final class Alarms {
    private final KvStore kv;

    public Alarms(KvStore kv) {
        this.kv = kv;
    }

    public void raise(KvBatch batch, Alarm alarm) {
        batch.put(ColumnFamily.ALARMS, Keys.alarmKey(alarm.raisedAt(), alarm.id()), Records.encode(alarm));
    }

    public List<Alarm> all() {
        List<Alarm> out = new ArrayList<>();
        kv.scan(ColumnFamily.ALARMS, null, null, (k, v) -> out.add(Records.decode(v, Alarm.class)));
        return out;
    }
}
