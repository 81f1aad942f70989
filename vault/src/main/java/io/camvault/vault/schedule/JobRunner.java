package io.camvault.vault.schedule;

import io.camvault.vault.Vault;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job's task and, when it succeeds, records its start time as the job's last success in
 * {@code META/job.last-success.<name>}. A failure is logged and not recorded, so the next start
 * treats the run as missed and fires it again; tasks are idempotent, so that is safe.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Vault vault;
    private final JobSpec spec;

    public JobRunner(Vault vault, JobSpec spec) {
        this.vault = vault;
        this.spec = spec;
    }

    public String name() {
        return spec.name();
    }

    /** Returns whether the task succeeded. Never throws: a scheduler thread must survive a failed job. */
    public boolean runOnce() {
        Instant started = vault.clock().instant();
        long t0 = System.nanoTime();
        try {
            spec.task().run(started);
            vault.commit(b -> b.put(ColumnFamily.META, Keys.metaJobLastSuccess(spec.name()), Records.encode(started)),
                    List.of());
            LOG.info("job.completed name={} millis={}", spec.name(), (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (Exception | AssertionError e) {
            LOG.error("job.failed name={} problem={}", spec.name(), String.valueOf(e.getMessage()), e);
            return false;
        }
    }

    public static Instant lastSuccess(Vault vault, String name) {
        byte[] v = vault.kv().get(ColumnFamily.META, Keys.metaJobLastSuccess(name));
        return v == null ? null : Records.decode(v, Instant.class);
    }
}
