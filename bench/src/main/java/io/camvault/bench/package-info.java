/**
 * Benchmarks as programs: each prints its figures next to a baseline measured in the same run,
 * so a slower or faster machine moves both and the ratio stays meaningful. Nothing here is a
 * timed assertion; the unit suites never measure time.
 */
package io.camvault.bench;
