/**
 * Timeliness of transfer (及时移交): which segments reached the vault later than the rule allows
 * after recording ended, kept per year, unit and officer for the yearly statistics.
 */
package io.camvault.vault.timeliness;
