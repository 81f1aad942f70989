package io.camvault.vault.media;

/**
 * What the gateway tells the media worker about ingest, read a few times a second. Two plain
 * counters rather than a "busy" flag, so the policy deciding what counts as busy stays in one
 * place ({@link YieldToIngest}) and is tested without a gateway.
 */
public interface IngestActivity {

    /** No ingest at all (a vault without a gateway, tools, tests): media work never waits. */
    IngestActivity NONE = new IngestActivity() {
        @Override
        public int activeUploads() {
            return 0;
        }

        @Override
        public long bytesReceived() {
            return 0;
        }
    };

    /** Uploads receiving a request body right now. */
    int activeUploads();

    /** Upload body bytes received since start; only ever grows. */
    long bytesReceived();
}
