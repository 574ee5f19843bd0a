package io.raftkv.node.sim;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.check.OpKind;
import io.raftkv.node.check.Operation;
import io.raftkv.node.raft.NotLeaderException;
import io.raftkv.node.raft.RaftException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated clients: each has at most one operation in flight (the linearizability checker's
 * precondition), issues put, get, delete and compare-and-set on a few keys, and records what it
 * saw as {@link Operation}s. Writes go through the log; reads through ReadIndex (thesis §6.4).
 *
 * <p>Outcomes: a request refused before it was proposed (not leader, transfer, back-pressure) is
 * left out of the history; a write that never got an answer (timeout, crash of its node, leadership
 * lost) is recorded as unknown; a read without an answer is left out. Written values are unique
 * ("v" + op id), which keeps the checker fast.
 *
 * <p>Not thread-safe.
 */
final class Workload {

    /** An operation in flight. */
    private static final class Pending {
        final long id;
        final int client;
        final String key;
        final OpKind kind;
        final String value;
        final String expected;
        final long invokeTime;
        final long deadline;
        /** Slot of the node the request went to. */
        final int slot;
        /** Writes: the log index and term the proposal got. */
        long index;
        long term;
        /** Reads: the confirmed read index, or -1 until the ReadState arrives. */
        long readIndex = -1;

        Pending(long id, int client, String key, OpKind kind, String value, String expected,
                long invokeTime, long deadline, int slot) {
            this.id = id;
            this.client = client;
            this.key = key;
            this.kind = kind;
            this.value = value;
            this.expected = expected;
            this.invokeTime = invokeTime;
            this.deadline = deadline;
            this.slot = slot;
        }
    }

    private final SplittableRandom random;
    private final SimNode[] nodes;
    private final TraceHash trace;
    private final String[] keys;
    /** Ticks a client waits for an answer before it gives up (outcome unknown). */
    private final int timeout;
    /** Per client: its operation in flight, or null. */
    private final Pending[] pending;
    /** Per client: the slot it sends to next. */
    private final int[] target;
    /** Per client and key: the last value it saw, used as CAS expectation. */
    private final String[][] lastSeen;
    private final List<Operation> history = new ArrayList<>();
    /** Simulator-side bug for teeth tests: serve reads from local state without ReadIndex. */
    private final boolean staleReads;
    private long nextId = 1;
    private long completed;
    private long unknown;
    private long refused;

    Workload(SplittableRandom random, SimNode[] nodes, TraceHash trace, int clients, int keyCount, int timeout,
            boolean staleReads) {
        this.random = random;
        this.staleReads = staleReads;
        this.nodes = nodes;
        this.trace = trace;
        this.timeout = timeout;
        this.keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = "k" + i;
        }
        pending = new Pending[clients];
        target = new int[clients];
        lastSeen = new String[clients][keyCount];
    }

    /** The recorded history so far (completed and unknown operations). */
    List<Operation> history() {
        return history;
    }

    long completed() {
        return completed;
    }

    long unknown() {
        return unknown;
    }

    long refused() {
        return refused;
    }

    /** Each idle client issues a new operation with probability {@code rate}. */
    void issue(long now, double rate) {
        for (int c = 0; c < pending.length; c++) {
            if (pending[c] != null || random.nextDouble() >= rate) {
                continue;
            }
            int slot = target[c];
            SimNode node = nodes[slot];
            if (!node.up()) {
                target[c] = random.nextInt(nodes.length);
                continue;
            }
            int k = random.nextInt(keys.length);
            long id = nextId++;
            double r = random.nextDouble();
            OpKind kind = r < 0.35 ? OpKind.GET : r < 0.65 ? OpKind.PUT : r < 0.85 ? OpKind.CAS : OpKind.DELETE;
            String value = kind == OpKind.PUT || kind == OpKind.CAS ? "v" + id : null;
            String expected = kind == OpKind.CAS ? lastSeen[c][k] : null;
            Pending p = new Pending(id, c, keys[k], kind, value, expected, now, now + timeout, slot);
            trace.add(id);
            trace.add(slot);
            try {
                if (kind == OpKind.GET && staleReads) {
                    pending[c] = p;
                    finish(p, false, node.kv.get(p.key), now);
                    continue;
                } else if (kind == OpKind.GET) {
                    node.core.readIndex(id);
                } else {
                    KvCommand cmd = switch (kind) {
                        case PUT -> new KvCommand.Put(id, p.key, value);
                        case DELETE -> new KvCommand.Delete(id, p.key);
                        default -> new KvCommand.Cas(id, p.key, expected, value);
                    };
                    p.term = node.soft().term();
                    p.index = node.core.propose(cmd.encode());
                }
                pending[c] = p;
            } catch (NotLeaderException e) {
                refused++;
                int hint = SimNode.slotOf(e.leaderHint());
                target[c] = hint >= 0 && hint < nodes.length ? hint : random.nextInt(nodes.length);
            } catch (RaftException e) {
                refused++;
                target[c] = random.nextInt(nodes.length);
            }
        }
    }

    /** {@code slot} applied {@code e} with result {@code result}; answers the client waiting for it. */
    void onApplied(int slot, LogEntry e, boolean result, long now) {
        long opId = e.type() == EntryType.COMMAND ? KvCommand.decode(e.payload()).opId() : -1;
        for (int c = 0; c < pending.length; c++) {
            Pending p = pending[c];
            if (p == null || p.slot != slot || p.kind == OpKind.GET) {
                continue;
            }
            if (p.id == opId) {
                finish(p, result, null, now);
            } else if (p.index == e.index()) {
                // Another entry took this op's index: the proposal was overwritten and, as it is
                // proposed only once, can never commit. A definite failure: leave it out.
                pending[c] = null;
                refused++;
            }
        }
    }

    /** {@code slot} confirmed read {@code requestId} at {@code readIndex}. */
    void onReadState(int slot, long requestId, long readIndex) {
        for (Pending p : pending) {
            if (p != null && p.id == requestId && p.slot == slot && p.kind == OpKind.GET) {
                p.readIndex = readIndex;
            }
        }
    }

    /** Serves confirmed reads on {@code node} whose index it has applied. */
    void serveReads(SimNode node, long now) {
        for (Pending p : pending) {
            if (p != null && p.slot == node.slot && p.kind == OpKind.GET && p.readIndex >= 0
                    && node.applied >= p.readIndex) {
                finish(p, false, node.kv.get(p.key), now);
            }
        }
    }

    /** {@code slot} could not confirm read {@code requestId}: the client drops it. */
    void onReadFailed(int slot, long requestId) {
        for (int c = 0; c < pending.length; c++) {
            Pending p = pending[c];
            if (p != null && p.id == requestId && p.slot == slot) {
                pending[c] = null;
                refused++;
            }
        }
    }

    /** Proposals of {@code slot} in {@code term} at [first, last] have unknown outcome. */
    void onUnknownOutcome(int slot, long term, long first, long last) {
        for (int c = 0; c < pending.length; c++) {
            Pending p = pending[c];
            if (p != null && p.slot == slot && p.kind != OpKind.GET && p.term == term
                    && p.index >= first && p.index <= last) {
                giveUp(c);
            }
        }
    }

    /** {@code slot} crashed: its clients learn nothing more. */
    void onCrash(int slot) {
        for (int c = 0; c < pending.length; c++) {
            if (pending[c] != null && pending[c].slot == slot) {
                giveUp(c);
            }
        }
    }

    /** Clients whose deadline passed give up. */
    void expire(long now) {
        for (int c = 0; c < pending.length; c++) {
            if (pending[c] != null && pending[c].deadline <= now) {
                giveUp(c);
            }
        }
    }

    /** End of run: everything still in flight gives up. */
    void giveUpAll() {
        for (int c = 0; c < pending.length; c++) {
            if (pending[c] != null) {
                giveUp(c);
            }
        }
    }

    /** Whether any client has an operation in flight. */
    boolean busy() {
        for (Pending p : pending) {
            if (p != null) {
                return true;
            }
        }
        return false;
    }

    private void giveUp(int c) {
        Pending p = pending[c];
        pending[c] = null;
        target[c] = random.nextInt(nodes.length);
        if (p.kind == OpKind.GET) {
            refused++;
            return;
        }
        unknown++;
        trace.add(-p.id);
        history.add(operation(p, false, null, p.invokeTime).withUnknownOutcome());
    }

    private void finish(Pending p, boolean ok, String read, long now) {
        pending[p.client] = null;
        completed++;
        trace.add(p.id);
        trace.add(now);
        int k = Integer.parseInt(p.key, 1, p.key.length(), 10);
        switch (p.kind) {
            case GET -> lastSeen[p.client][k] = read;
            case PUT -> lastSeen[p.client][k] = p.value;
            case CAS -> lastSeen[p.client][k] = ok ? p.value : lastSeen[p.client][k];
            case DELETE -> lastSeen[p.client][k] = null;
            default -> throw new IllegalStateException("unexpected kind " + p.kind);
        }
        history.add(operation(p, ok, read, now));
    }

    private static Operation operation(Pending p, boolean ok, String read, long returnTime) {
        String client = "c" + p.client;
        return switch (p.kind) {
            case GET -> Operation.get(p.id, client, p.key, read, p.invokeTime, returnTime);
            case PUT -> Operation.put(p.id, client, p.key, p.value, p.invokeTime, returnTime);
            case DELETE -> Operation.delete(p.id, client, p.key, ok, p.invokeTime, returnTime);
            case CAS -> Operation.cas(p.id, client, p.key, p.expected, p.value, ok, p.invokeTime, returnTime);
            default -> throw new IllegalStateException("unexpected kind " + p.kind);
        };
    }
}
