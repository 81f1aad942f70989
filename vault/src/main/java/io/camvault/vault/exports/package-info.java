/**
 * Exports: handing footage out of the vault (对外提供) only after a request with a reason and an
 * approval by a second, different person; and the BagIt (RFC 8493) package an approved export is
 * delivered as, with an offline verifier for it.
 */
package io.camvault.vault.exports;
