/**
 * The tus 1.0 protocol and the gateway's error list, as plain functions over headers and records.
 * Nothing here knows Netty or touches a disk, so every rule (metadata, offsets, lengths,
 * checksums, concatenation) is tested on its own.
 */
package io.camvault.gateway.protocol;
