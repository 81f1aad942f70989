/**
 * The docking-station agent ({@code camvault dock}): takes recorders mounted as USB storage, uploads
 * every file to the daemon over tus with its SHA-256 declared up front, resumes after any
 * interruption from state kept per recorder, confirms each segment with the daemon, writes a
 * receipt per recorder and, only when asked and only after that confirmation, wipes the recorder.
 *
 * <p>It exists apart from the daemon because it runs on the dock's own machine in the hall, talks
 * to the daemon only over HTTP with a {@code dock} token, and must be safe to kill at any instant:
 * nothing is deleted from a recorder unless the vault has confirmed it holds the same bytes. The
 * decisions (file-name parsing, device identity, metadata, whether to wipe) are plain functions
 * here, apart from the I/O that uses them.
 */
package io.camvault.cli.dock;
