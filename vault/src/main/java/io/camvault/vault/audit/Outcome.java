package io.camvault.vault.audit;

/** How an audited action ended. Denied attempts are recorded like any other. */
public enum Outcome {
    SUCCESS, DENIED, FAILED
}
