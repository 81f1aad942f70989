/**
 * The tus 1.0 endpoints at {@code /files/}: one small exchange per method, each delegating rules to
 * {@code protocol}, authorization to {@code auth} and file work to {@code upload}. Anything that
 * writes to the index runs on the control pool, never on the event loop.
 */
package io.camvault.gateway.tus;
