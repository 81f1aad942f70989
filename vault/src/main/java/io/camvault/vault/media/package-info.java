/**
 * Media work on originals, kept behind {@link io.camvault.vault.media.MediaTool} so the rest of the
 * vault compiles and tests without native code: probe facts, the pure rendition decision, and the
 * derived store where renditions, thumbnails and clips live apart from the write-once originals.
 * Everything written here is derived, carries the SHA-256 of its source, and may be deleted and
 * rebuilt at any time; nothing here ever writes to an original.
 */
package io.camvault.vault.media;
