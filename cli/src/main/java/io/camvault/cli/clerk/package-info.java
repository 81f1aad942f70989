/**
 * The clerk's and supervisor's commands: they talk to a running daemon over its JSON API (cases,
 * search, exports, statistics, audit), plus the offline bag check. One HTTP client, one place
 * where the daemon's error codes become sentences ({@link io.camvault.cli.clerk.ApiClient}).
 */
package io.camvault.cli.clerk;
