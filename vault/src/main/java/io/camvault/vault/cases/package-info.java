/**
 * Cases, their links to footage (each with a written description) and legal holds on cases and
 * segments. Every change runs in one audited vault commit and recomputes the retention of the
 * segments it touches.
 */
package io.camvault.vault.cases;
