/**
 * Native libraries (RocksDB's JNI library, JavaCPP's FFmpeg) extracted once into camvault's own
 * cache directory and loaded from there on every later start, instead of a fresh copy in
 * {@code /tmp} per process that nobody removes after a crash.
 */
package io.camvault.vault.natives;
