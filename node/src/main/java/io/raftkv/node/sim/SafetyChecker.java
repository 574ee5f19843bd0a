package io.raftkv.node.sim;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.Membership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the Raft safety properties on everything the simulated nodes persist, commit and apply,
 * as it happens. It keeps a global record of the run (leader per term, every (index, term) ever
 * persisted, every entry known committed, the state hash after each applied index) and compares
 * each new observation against it, so every check is O(1) per entry except leader completeness,
 * which scans the committed prefix once per new leader.
 *
 * <p>Only the first violation is kept: after it the run is broken and later ones are noise.
 * Not thread-safe.
 */
final class SafetyChecker {

    /** Identity of an entry for log matching: §5.3 says (index, term) determines the entry. */
    private record EntryId(long index, long term) {
    }

    /** What was first persisted under an {@link EntryId}: the entry and its predecessor's term. */
    private record Seen(LogEntry entry, long prevTerm) {
    }

    private final long seed;
    private long step;
    private Violation first;

    /** Term to the id of the node that led it (§5.2: at most one). */
    private final Map<Long, String> leaderOfTerm = new HashMap<>();

    /** Every (index, term) any node ever persisted, with what it held. */
    private final Map<EntryId, Seen> persisted = new HashMap<>();

    /** Position i-1 holds the entry known committed at index i, or null if not seen yet. */
    private final ArrayList<LogEntry> committed = new ArrayList<>();

    /** Client operation id to the log index its command was applied at; each is proposed once. */
    private final Map<Long, Long> commandIndex = new HashMap<>();

    /** Applied index to the state hash right after applying it; equal for every node. */
    private final Map<Long, Long> stateHashAt = new HashMap<>();

    SafetyChecker(long seed) {
        this.seed = seed;
    }

    /** Sets the step reported with later violations. */
    void setStep(long now) {
        step = now;
    }

    /** The first violation seen, or null. */
    Violation first() {
        return first;
    }

    /** Records a violation unless one was recorded before. */
    void fail(Violation.Kind kind, String message) {
        if (first == null) {
            first = new Violation(seed, step, kind, message);
        }
    }

    /** Highest index known committed. */
    long committedIndex() {
        return committed.size();
    }

    /** §5.2 election safety: {@code id} is leader in {@code term}. */
    void onLeader(String id, long term) {
        String earlier = leaderOfTerm.putIfAbsent(term, id);
        if (earlier != null && !earlier.equals(id)) {
            fail(Violation.Kind.ELECTION_SAFETY, "two leaders in term " + term + ": " + earlier
                    + " and " + id);
        }
    }

    /**
     * Hard state never goes backwards: not the term, not the vote within a term, not the commit
     * index. Checked against what was persisted before, so it also covers restarts.
     */
    void onHardState(String id, HardState before, HardState after) {
        if (after.term() < before.term()) {
            fail(Violation.Kind.HARD_STATE_REGRESSION, id + " persisted term " + after.term()
                    + " after term " + before.term());
        } else if (after.term() == before.term() && before.votedFor() != null
                && !before.votedFor().equals(after.votedFor())) {
            fail(Violation.Kind.HARD_STATE_REGRESSION, id + " changed its vote in term " + after.term()
                    + " from " + before.votedFor() + " to " + after.votedFor());
        }
        if (after.commit() < before.commit()) {
            fail(Violation.Kind.HARD_STATE_REGRESSION, id + " persisted commit " + after.commit()
                    + " after commit " + before.commit());
        }
    }

    /**
     * §5.3 leader append-only: a node that was leader of {@code term} at its previous Ready and
     * still is must not write below its own last index.
     */
    void onLeaderWrite(String id, long term, long firstIndex, long lastIndexBefore) {
        if (firstIndex <= lastIndexBefore) {
            fail(Violation.Kind.LEADER_APPEND_ONLY, "leader " + id + " of term " + term
                    + " overwrote its own log from index " + firstIndex + " (last index was "
                    + lastIndexBefore + ")");
        }
    }

    /**
     * §5.3 log matching, checked inductively: every persisted (index, term) must always hold the
     * same entry after an entry of the same term. Call after {@code batch} is on {@code disk}.
     */
    void onPersisted(String id, SimDisk disk, List<LogEntry> batch) {
        for (LogEntry e : batch) {
            long prevTerm = disk.termAt(e.index() - 1);
            Seen now = new Seen(e, prevTerm);
            Seen before = persisted.putIfAbsent(new EntryId(e.index(), e.term()), now);
            if (before != null && (!before.entry().equals(e) || (before.prevTerm() != prevTerm
                    && before.prevTerm() >= 0 && prevTerm >= 0))) {
                fail(Violation.Kind.LOG_MATCHING, id + " persisted " + e + " after term " + prevTerm
                        + " but another node holds " + before.entry() + " after term " + before.prevTerm());
                return;
            }
        }
    }

    /**
     * A node's commit index moved from {@code from} to {@code to}: record the newly committed
     * entries (they must agree with what is already known committed) and, when the node is leader,
     * check §5.4.2's consequence that a majority of the voters of its membership PERSISTED the
     * entry at {@code to} in the same term.
     */
    void onCommit(String id, SimDisk disk, long from, long to, boolean leader, Membership membership,
            Function<String, SimDisk> disks) {
        for (long i = Math.max(from + 1, disk.snapshotIndex() + 1); i <= to; i++) {
            LogEntry e = disk.entry(i);
            if (e == null) {
                fail(Violation.Kind.COMMIT_DURABILITY, id + " set commit " + to
                        + " but has not persisted index " + i + " (last persisted " + disk.lastIndex() + ")");
                return;
            }
            recordCommitted(id, e);
        }
        if (leader && to > from && to > disk.snapshotIndex()) {
            long term = disk.termAt(to);
            int holders = 0;
            StringBuilder who = new StringBuilder();
            for (String voter : membership.voters()) {
                SimDisk d = disks.apply(voter);
                if (d != null && (d.termAt(to) == term || d.snapshotIndex() >= to)) {
                    holders++;
                    who.append(voter).append(' ');
                }
            }
            if (holders < membership.quorum()) {
                fail(Violation.Kind.COMMIT_DURABILITY, "leader " + id + " committed index " + to
                        + " (term " + term + ") but only [" + who.toString().trim() + "] of voters "
                        + membership.voters() + " persisted it");
            }
        }
    }

    /**
     * §5.4.1 leader completeness: a new leader's log (on its disk, after its first Ready as
     * leader) must hold every entry known committed, except what its snapshot covers.
     */
    void onNewLeader(String id, long term, SimDisk disk) {
        for (long i = disk.snapshotIndex() + 1; i <= committed.size(); i++) {
            LogEntry c = committed.get((int) (i - 1));
            if (c == null) {
                continue;
            }
            LogEntry mine = disk.entry(i);
            if (!c.equals(mine)) {
                fail(Violation.Kind.LEADER_COMPLETENESS, id + " became leader of term " + term
                        + " without committed entry " + c + "; it holds " + mine);
                return;
            }
        }
    }

    /**
     * §5.4.3 state-machine safety: {@code id} applied {@code e} and its state hash is now
     * {@code hash}. Equal indexes must carry equal entries and give equal states on every node.
     */
    void onApply(String id, LogEntry e, long hash) {
        recordCommitted(id, e);
        Long before = stateHashAt.putIfAbsent(e.index(), hash);
        if (before != null && before != hash) {
            fail(Violation.Kind.STATE_MACHINE_SAFETY, id + " has state hash " + Long.toHexString(hash)
                    + " after applying index " + e.index() + " but another node had "
                    + Long.toHexString(before));
        }
    }

    /**
     * A command of client operation {@code opId} was applied at {@code index}. The simulator
     * proposes each operation once, so finding it at a second index means it was applied twice.
     */
    void onCommand(String id, long opId, long index) {
        Long before = commandIndex.putIfAbsent(opId, index);
        if (before != null && before != index) {
            fail(Violation.Kind.STATE_MACHINE_SAFETY, id + " applied client operation " + opId
                    + " at index " + index + " but it was applied at index " + before + " already");
        }
    }

    /** A node restored a snapshot at {@code index}: its state must equal the state others had there. */
    void onRestore(String id, long index, long hash) {
        if (index == 0) {
            return;
        }
        Long before = stateHashAt.putIfAbsent(index, hash);
        if (before != null && before != hash) {
            fail(Violation.Kind.STATE_MACHINE_SAFETY, id + " restored a snapshot at index " + index
                    + " with state hash " + Long.toHexString(hash) + " but nodes that applied up to it had "
                    + Long.toHexString(before));
        }
    }

    private void recordCommitted(String id, LogEntry e) {
        int pos = (int) (e.index() - 1);
        while (committed.size() <= pos) {
            committed.add(null);
        }
        LogEntry before = committed.get(pos);
        if (before == null) {
            committed.set(pos, e);
        } else if (!before.equals(e)) {
            fail(Violation.Kind.STATE_MACHINE_SAFETY, id + " committed " + e + " at index " + e.index()
                    + " where " + before + " was committed before");
        }
    }
}
