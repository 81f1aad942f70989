package io.camvault.vault.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the object store's directories, and fsyncs several directories at once, each on its
 * own thread, returning when all are done.
 *
 * <p>Why at once: a journalling file system (ext4, XFS) makes a directory durable by committing
 * its journal, and that commit takes every change made so far, in every directory. Fsyncs that
 * start one after another each wait for a commit of their own whenever something else changed in
 * between, which under heavy ingest is always (the big uploads' writes change their files' sizes
 * many times a second). Fsyncs that start together wait for the same commit. Each directory is
 * still fsynced, so nothing here relies on that: on any POSIX file system every directory passed
 * in is durable when {@link #fsyncAll} returns.
 */
final class DirectorySync implements AutoCloseable {
    private final FileOps ops;
    private final ExecutorService helpers;

    DirectorySync(FileOps ops) {
        this.ops = ops;
        AtomicInteger n = new AtomicInteger();
        this.helpers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "objectstore-dirsync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates {@code dir} and its missing ancestors. Returns the parents of the directories it
     * created, outermost first: the caller fsyncs them before it acknowledges anything under
     * {@code dir}.
     */
    List<Path> createMissing(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.push(d);
        }
        List<Path> parents = new ArrayList<>();
        while (!missing.isEmpty()) {
            Path d = missing.pop();
            if (ops.createDirectory(d) && d.getParent() != null) {
                parents.add(d.getParent());
            }
        }
        return parents;
    }

    /** Fsyncs every directory in {@code dirs}; the first one on the calling thread. */
    void fsyncAll(List<Path> dirs) throws IOException {
        if (dirs.size() == 1) {
            ops.fsyncDir(dirs.get(0));
            return;
        }
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (Path dir : dirs.subList(1, dirs.size())) {
            others.add(CompletableFuture.runAsync(() -> {
                try {
                    ops.fsyncDir(dir);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, helpers));
        }
        Throwable failure = null;
        try {
            ops.fsyncDir(dirs.get(0));
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        for (CompletableFuture<Void> f : others) {
            try {
                f.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    @Override
    public void close() {
        helpers.shutdown();
    }
}
