/**
 * Typed stores over the key-value layer: segments and their secondary keys, uploads, cases.
 * Each says what happens when a key is present or absent; all key layouts come from
 * {@link io.camvault.vault.kv.Keys}.
 */
package io.camvault.vault.index;
