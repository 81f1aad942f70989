/**
 * The yearly enforcement statistics (统计年报): per unit and per officer, what was recorded, how
 * promptly it reached the vault, and what became of it (case links, supervisor reviews, exports).
 */
package io.camvault.vault.statistics;
