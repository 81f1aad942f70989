/**
 * Immutable domain records (segments, cases, principals, identities) and small value types.
 * They carry no persistence or transport logic, so every other layer can share them.
 */
package io.camvault.vault.model;
