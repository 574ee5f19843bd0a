/**
 * A linearizability checker for key-value histories: {@link io.raftkv.node.check.Linearizability}
 * takes recorded {@link io.raftkv.node.check.Operation}s and answers with a
 * {@link io.raftkv.node.check.CheckResult}. Pure computation, no I/O; shared by the simulator and
 * the fault-injection tests.
 */
package io.raftkv.node.check;
