/** The JSON API under {@code /api/v1/}: segment search and detail, so uploaders and reviewers can see what was stored. */
package io.camvault.gateway.api;
