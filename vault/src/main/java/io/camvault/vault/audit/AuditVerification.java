package io.camvault.vault.audit;

/**
 * The verifier's answer: how many events it checked and, if the chain is broken, the first
 * sequence number where it breaks and why.
 */
public record AuditVerification(long eventsChecked, Long brokenAtSeq, String problem) {
    public boolean intact() {
        return brokenAtSeq == null;
    }

    public static AuditVerification ok(long checked) {
        return new AuditVerification(checked, null, null);
    }

    public static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(checked, seq, problem);
    }
}
