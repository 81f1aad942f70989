package io.camvault.vault.schedule;

import io.camvault.vault.JobSchedule;
import java.util.Objects;

/** A named job and when it runs. The name keys its last-success time in META, so keep it stable. */
public record JobSpec(String name, JobSchedule schedule, JobTask task) {
    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(task, "task");
    }
}
