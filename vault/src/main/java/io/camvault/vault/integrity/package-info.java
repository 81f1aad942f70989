/**
 * Noticing lost or damaged originals before a court asks for them: the fixity audit that re-hashes
 * every original at a bounded rate, and the alarms it raises.
 */
package io.camvault.vault.integrity;
