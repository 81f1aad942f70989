/**
 * Supervisor review: audited content delivery (originals, browser renditions, posters, clips) with
 * HTTP Range, and the review page served from classpath resources. Range parsing is a pure function
 * ({@link io.camvault.gateway.review.ByteRanges}); exchanges here only check access, write the audit
 * event, and hand file regions to Netty (sendfile on plain HTTP).
 */
package io.camvault.gateway.review;
