/**
 * Node observability: a small lock-free metric registry (counters, gauges, fixed-bucket
 * histograms), its Prometheus text rendering, and the HTTP port serving {@code /metrics} and
 * {@code /health}. Imports nothing from the Raft core or storage: the server wires values in.
 */
package io.raftkv.node.metrics;
