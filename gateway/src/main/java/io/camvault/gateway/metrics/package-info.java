/** The gateway's Prometheus metrics: a handful of counters, gauges and one histogram, rendered by hand. */
package io.camvault.gateway.metrics;
