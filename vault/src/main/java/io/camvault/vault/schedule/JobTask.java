package io.camvault.vault.schedule;

import java.time.Instant;

/** One run of a maintenance job at {@code now}; must be safe to repeat after a crash mid-way. */
@FunctionalInterface
public interface JobTask {
    void run(Instant now) throws Exception;
}
