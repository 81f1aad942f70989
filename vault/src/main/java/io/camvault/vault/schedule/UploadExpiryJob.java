package io.camvault.vault.schedule;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import java.time.Instant;
import java.util.Map;

/** Asks the upload store to drop expired unfinished uploads and audits how many went. Idempotent. */
public final class UploadExpiryJob {
    private final Vault vault;
    private final ExpiringUploads uploads;

    public UploadExpiryJob(Vault vault, ExpiringUploads uploads) {
        this.vault = vault;
        this.uploads = uploads;
    }

    public int run(Instant now) {
        int n = uploads.expire(now);
        if (n > 0) {
            vault.record(AuditEntry.success(Vault.SYSTEM, "upload.expire", "uploads:unfinished",
                    Map.of("count", Integer.toString(n), "before", now.toString())));
        }
        return n;
    }
}
