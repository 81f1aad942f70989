/**
 * When maintenance runs: Quartz, confined to this package. Everything it runs is a plain class
 * with a {@code run(now)} method elsewhere (retention sweep, fixity audit, late-upload check,
 * audit checkpoints) or here ({@link io.camvault.vault.schedule.UploadExpiryJob}); the last success
 * of each job is kept in META so runs missed while the daemon was down fire once at start.
 */
package io.camvault.vault.schedule;
