/**
 * Principals and their bearer tokens. Tokens are 256-bit random values shown once; only their
 * SHA-256 is stored, so a stolen index does not yield working tokens.
 */
package io.camvault.vault.auth;
