/**
 * Netty glue: the pipeline initializer, the router and small handlers. Handlers translate between
 * HTTP messages and the protocol layer; they decide nothing themselves and never block the event
 * loop.
 */
package io.camvault.gateway.http;
