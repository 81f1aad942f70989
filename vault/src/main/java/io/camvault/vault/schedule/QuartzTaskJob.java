package io.camvault.vault.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/**
 * The one Quartz job class: hands over to the {@link JobRunner} in its data map. Never two runs of
 * one job at once; {@link #interrupt()} interrupts the running thread so long jobs (fixity) stop at
 * the next file and keep their cursor.
 */
@DisallowConcurrentExecution
public final class QuartzTaskJob implements InterruptableJob {
    static final String RUNNER = "runner";
    private volatile Thread thread;

    public QuartzTaskJob() {
        // Quartz instantiates jobs reflectively.
    }

    @Override
    public void execute(JobExecutionContext context) {
        thread = Thread.currentThread();
        try {
            ((JobRunner) context.getMergedJobDataMap().get(RUNNER)).runOnce();
        } finally {
            thread = null;
            Thread.interrupted(); // do not hand an interrupt flag back to Quartz's pool thread
        }
    }

    @Override
    public void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
