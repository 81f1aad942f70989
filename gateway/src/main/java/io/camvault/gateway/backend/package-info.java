/**
 * The narrow seam between the gateway and the vault: the handful of vault operations the gateway
 * uses, behind one interface so the gateway's tests run against an in-memory vault.
 */
package io.camvault.gateway.backend;
