package io.camvault.vault.store;

/** What a purge did: removed the object, found it already gone, or was refused by the store (and why). */
public record PurgeOutcome(Result result, String detail) {

    public enum Result { REMOVED, ABSENT, REFUSED }

    public static final PurgeOutcome REMOVED = new PurgeOutcome(Result.REMOVED, "");
    public static final PurgeOutcome ABSENT = new PurgeOutcome(Result.ABSENT, "");

    public static PurgeOutcome refused(String why) {
        return new PurgeOutcome(Result.REFUSED, why);
    }

    /** Whether the object is gone now. */
    public boolean gone() {
        return result != Result.REFUSED;
    }
}
