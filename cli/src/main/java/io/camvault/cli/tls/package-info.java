/**
 * HTTPS for the commands that talk to a daemon: the trust anchors ({@code --ca} or the system's),
 * the client certificate for mutual TLS, and a sentence for each TLS failure a person can act on
 * (unknown CA, expired certificate, wrong host name, refused client certificate), from the
 * {@code messages} bundle in Simplified Chinese and English.
 */
package io.camvault.cli.tls;
