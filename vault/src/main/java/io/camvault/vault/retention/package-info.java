/**
 * How long footage is kept and how it leaves. The rules are one pure function
 * ({@link io.camvault.vault.retention.RetentionRules#decide}) over a segment, its cases, the
 * {@link io.camvault.vault.retention.RetentionPolicy} and an instant; everything else here applies
 * it: inside custody changes ({@link io.camvault.vault.retention.RetentionApplier}), at start-up
 * (a policy that would shorten anything is refused, {@link io.camvault.vault.retention.PolicyRecord}),
 * and in the sweep that queues expired segments and purges them when due
 * ({@link io.camvault.vault.retention.RetentionSweep}), leaving a tombstone forever.
 */
package io.camvault.vault.retention;
