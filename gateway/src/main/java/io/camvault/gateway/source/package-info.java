/**
 * Where a request comes from: the TCP peer, and the client a trusted reverse proxy names for it in
 * {@code Forwarded} or {@code X-Forwarded-For}. Pure functions over addresses and header values; the
 * router applies them and the audit records both addresses.
 */
package io.camvault.gateway.source;
