package io.camvault.gateway.upload;

import io.camvault.vault.audit.AuditOrigin;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in order, on a shared pool: an upload's writes never overlap, yet no
 * upload owns a thread, so a slow 4 GB stream does not hold back the small files behind it.
 */
public final class SerialExecutor implements Executor {
    /**
     * Tasks run before yielding the pool thread to other uploads. A body task carries up to 1 MiB
     * (see BodyExchange), so yielding after each keeps an upload's turn to about 1 MiB of writing
     * and hashing, and a small upload's task waits behind at most one such slice per thread.
     */
    private static final int BATCH = 1;
    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(AuditOrigin.propagate(task)); // the request's addresses, whichever thread drains the queue
            if (running) {
                return;
            }
            running = true;
        }
        submit();
    }

    private void submit() {
        try {
            pool.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            drain(); // the pool is shutting down: finish the queued work (fsyncs) here rather than drop it
        }
    }

    private void drain() {
        for (int done = 0; ; done++) {
            if (done == BATCH) {
                submit();
                return;
            }
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            next.run();
        }
    }
}
