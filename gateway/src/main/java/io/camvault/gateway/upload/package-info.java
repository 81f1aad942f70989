/**
 * Uploads in progress: their durable records, their partial files and the serialized writers
 * that append, hash and fsync chunks off the event loop. The resume offset always comes from the
 * bytes on disk, never from a counter.
 */
package io.camvault.gateway.upload;
