package io.camvault.vault.schedule;

import io.camvault.vault.MaintenanceConfig;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.integrity.FixityAudit;
import io.camvault.vault.integrity.Pacer;
import io.camvault.vault.retention.RetentionSweep;
import java.security.KeyPair;
import java.util.List;

/**
 * The daemon's maintenance jobs, built from configuration. Wiring in {@code serve}:
 * <pre>
 *   Maintenance m = Maintenance.create(vault, uploadStore::expire);
 *   JobScheduler jobs = new JobScheduler(vault, ZoneId.systemDefault());
 *   jobs.start(m.jobs());
 *   ... on shutdown: jobs.close() before vault.close()
 * </pre>
 * Creating it creates the node's Ed25519 key on first start.
 */
public final class Maintenance {
    public static final String RETENTION_SWEEP = "retention-sweep";
    public static final String FIXITY = "fixity";
    public static final String UPLOAD_EXPIRY = "upload-expiry";
    public static final String AUDIT_CHECKPOINT = "audit-checkpoint";

    private final RetentionSweep sweep;
    private final FixityAudit fixity;
    private final UploadExpiryJob uploadExpiry;
    private final AuditCheckpoints checkpoints;
    private final MaintenanceConfig config;

    private Maintenance(Vault vault, ExpiringUploads uploads, Pacer pacer) {
        VaultConfig vc = vault.config();
        this.config = vc.maintenance();
        KeyPair key = NodeKey.loadOrCreate(vc.keysDir());
        this.sweep = vault.newRetentionSweep();
        this.fixity = new FixityAudit(vault, config.fixityCycle(), config.fixityBytesPerSecond(),
                config.fixityRunBudget(), pacer);
        this.uploadExpiry = new UploadExpiryJob(vault, uploads);
        this.checkpoints = new AuditCheckpoints(vault, key.getPrivate(), vc.checkpointsLog());
    }

    public static Maintenance create(Vault vault, ExpiringUploads uploads) {
        return new Maintenance(vault, uploads, Pacer.SYSTEM);
    }

    public List<JobSpec> jobs() {
        return List.of(
                new JobSpec(RETENTION_SWEEP, config.retentionSweep(), sweep::run),
                new JobSpec(FIXITY, config.fixity(), fixity::run),
                new JobSpec(UPLOAD_EXPIRY, config.uploadExpiry(), uploadExpiry::run),
                new JobSpec(AUDIT_CHECKPOINT, config.auditCheckpoint(), checkpoints::run));
    }

    /** For metrics: fixity failures found since start. */
    public long fixityFailuresTotal() {
        return fixity.failuresTotal();
    }

    /** For metrics: bytes of originals the fixity pass has read and hashed since start. */
    public long fixityBytesHashedTotal() {
        return fixity.bytesHashedTotal();
    }
}
