/**
 * The only package that touches JavaCV native code: FFmpeg for decoding and encoding, OpenCV's
 * cascades for face detection ({@link io.camvault.vault.media.ffmpeg.CascadeFaceFinder}). Everything it offers goes through
 * {@link io.camvault.vault.media.MediaTool}; nothing outside this package imports
 * {@code org.bytedeco}, so a build or test without the natives only loses this package.
 */
package io.camvault.vault.media.ffmpeg;
