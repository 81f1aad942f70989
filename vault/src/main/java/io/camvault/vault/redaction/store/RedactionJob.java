package io.camvault.vault.redaction.store;

import java.util.Map;
import java.util.Optional;

/**
 * A redacted copy being made: what a person watching the page or the CLI sees until the record
 * exists. Lives in memory only; a copy whose daemon stopped mid-render is simply not there, and the
 * request is made again (nothing about the original changed).
 */
public final class RedactionJob {
    public enum State { QUEUED, DETECTING, RENDERING, DONE, FAILED }

    private final RedactionId id;
    private final String actor;
    private volatile State state = State.QUEUED;
    private volatile double progress;
    private volatile String error;
    private volatile RedactionRecord record;

    RedactionJob(RedactionId id, String actor) {
        this.id = id;
        this.actor = actor;
    }

    public RedactionId id() {
        return id;
    }

    public String actor() {
        return actor;
    }

    public State state() {
        return state;
    }

    /** 0..1 of the current state's work. */
    public double progress() {
        return progress;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<RedactionRecord> record() {
        return Optional.ofNullable(record);
    }

    public boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    void phase(State s) {
        state = s;
        progress = 0;
    }

    void progress(double p) {
        progress = Math.max(0, Math.min(1, p));
    }

    void done(RedactionRecord r) {
        record = r;
        progress = 1;
        state = State.DONE;
    }

    void failed(String message) {
        error = message;
        state = State.FAILED;
    }

    /** For JSON answers: id, state, progress (and error). */
    public Map<String, Object> status() {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", id.toString());
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("progress", Math.round(progress * 1000) / 1000.0);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
