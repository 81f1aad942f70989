/**
 * Redaction specs as plain values: regions over time (keyframed boxes), audio mute ranges and the
 * method, their canonical JSON and hash, and the pixel and sample operations that apply them. Pure
 * logic without FFmpeg or the index, so the rules are tested on arrays; the media package renders
 * a spec into a derived file, {@code redaction.store} records who made which copy of what.
 */
package io.camvault.vault.redaction;
