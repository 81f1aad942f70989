package io.camvault.cli;

/** Exit codes of every camvault command; documented in the README. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Something failed that is not one of the cases below. */
    public static final int FAILURE = 1;
    /** The command line was wrong (picocli's own usage code). */
    public static final int USAGE = 2;
    /** The configuration or data directory is unusable (bad setting, directory locked by a running daemon). */
    public static final int CONFIG = 3;
    /** A verification found a problem (audit chain, bag). */
    public static final int VERIFY_FAILED = 4;
    /** The daemon refused the token or its role (HTTP 401/403). */
    public static final int DENIED = 5;
    /** The daemon has no such case, segment or export (HTTP 404). */
    public static final int NOT_FOUND = 6;
    /** The daemon could not be reached, or is not ready (HTTP 503). */
    public static final int UNAVAILABLE = 7;

    private ExitCodes() {
    }
}
