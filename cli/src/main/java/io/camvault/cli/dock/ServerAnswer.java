package io.camvault.cli.dock;

/**
 * What an HTTP status from the daemon means to the person reading a receipt or a log, and what the
 * agent does about it: try again later, start the upload over, or give the file up.
 */
public final class ServerAnswer {
    /** What to do after a failed request. */
    public enum Action {
        /** Wait (backoff) and try again, resuming from the daemon's offset. */
        RETRY,
        /** The upload is gone on the daemon: forget its URL and create a new one. */
        RESTART,
        /** Trying again cannot help: report the file failed. */
        GIVE_UP,
        /** Trying again cannot help for any file: the token is refused. */
        STOP_ALL
    }

    private ServerAnswer() {
    }

    public static Action action(int status) {
        return switch (status) {
            case 401 -> Action.STOP_ALL;
            case 404, 410 -> Action.RESTART;
            case 409, 423, 429 -> Action.RETRY;
            default -> status >= 500 ? Action.RETRY : Action.GIVE_UP;
        };
    }

    /** A sentence for {@code status}; {@code detail} is the daemon's own message when it sent one. */
    public static String explain(int status, String detail) {
        String s = switch (status) {
            case 400 -> "the daemon rejected the upload's metadata or headers (400)";
            case 401 -> "the daemon refused the token (401): check --token or CAMVAULT_TOKEN";
            case 403 -> "this token may not do that (403): uploads need a dock token, or a recorder token "
                    + "for this recorder's serial";
            case 404 -> "the daemon does not know this upload (404)";
            case 409 -> "the daemon's offset differs from ours (409)";
            case 410 -> "the upload expired on the daemon (410)";
            case 413 -> "the file is larger than the daemon accepts (413)";
            case 415 -> "the daemon refused the request's content type (415)";
            case 423 -> "another request is writing to this upload (423)";
            case 460 -> "checksum mismatch (460): the bytes the daemon received do not have the SHA-256 computed "
                    + "here (the file changed while being read, or was damaged in transit); nothing was stored";
            case 500 -> "the daemon had an internal error (500)";
            case 503 -> "the daemon is overloaded or not ready (503)";
            case 507 -> "the daemon is out of storage space (507); uploads resume when space returns";
            default -> "the daemon answered HTTP " + status;
        };
        return detail == null || detail.isBlank() ? s : s + ": " + detail;
    }
}
