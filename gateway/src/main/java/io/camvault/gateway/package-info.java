/**
 * The gateway's entry points: its configuration and the server that binds the port, wires the
 * pipeline and shuts down without losing an acknowledged byte.
 */
package io.camvault.gateway;
