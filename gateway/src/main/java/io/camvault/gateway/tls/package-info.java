/**
 * HTTPS on the gateway port: PEM certificates and keys read with Bouncy Castle, one Netty
 * {@code SslContext} per version of the files (swapped for new connections when they change), a
 * first handler that sends TLS to the {@code SslHandler} and answers plain HTTP with 400
 * {@code tls_required}, and HSTS on every HTTPS answer. Bouncy Castle types stay in {@link PemFiles}.
 */
package io.camvault.gateway.tls;
