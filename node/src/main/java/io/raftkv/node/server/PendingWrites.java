package io.raftkv.node.server;

import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.storage.AppliedEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Entries this node proposed as leader and whose clients wait for the outcome, by log index: one
 * waiter, or one per command of a group entry ({@link WriteGroup}). The Raft thread adds them
 * right after proposing; the apply thread answers them once the entry at that index is applied;
 * the Raft thread fails them when leadership is lost (outcome unknown).
 *
 * <p>Thread-safe (a concurrent sorted map); nothing blocks.
 */
final class PendingWrites {

    /**
     * One waiting proposal.
     *
     * @param term      the term it was proposed in: an applied entry at its index with another term
     *                  means it was overwritten (§5.3) and definitely not applied
     * @param reply     the client's answer
     * @param onApplied what to answer once applied; may start a follow-up step and return null
     */
    record Pending(long term, Reply reply, Function<AppliedEntry, Response> onApplied) {
    }

    /** index -> the waiters of that entry, by position in the entry (one unless a group). */
    private final Map<Long, Pending[]> byIndex = new ConcurrentSkipListMap<>();

    void add(long index, Pending pending) {
        addGroup(index, List.of(pending));
    }

    /** Registers the waiters of an entry, {@code members.get(p)} for its command at position p. */
    void addGroup(long index, List<Pending> members) {
        byIndex.put(index, members.toArray(new Pending[0]));
    }

    /**
     * Apply thread: answers whoever waits for the entries in {@code applied} (in index order, a
     * group's commands by position).
     */
    void applied(List<AppliedEntry> applied) {
        int i = 0;
        while (i < applied.size()) {
            AppliedEntry first = applied.get(i);
            int end = i + 1;
            while (end < applied.size() && applied.get(end).index() == first.index()) {
                end++;
            }
            Pending[] waiting = byIndex.remove(first.index());
            if (waiting != null) {
                answer(waiting, applied.subList(i, end));
            }
            i = end;
        }
    }

    private static void answer(Pending[] waiting, List<AppliedEntry> results) {
        for (int p = 0; p < waiting.length; p++) {
            Pending w = waiting[p];
            // a group that did not decode has one result (its rejection) for all of its waiters
            AppliedEntry r = p < results.size() ? results.get(p) : results.get(0);
            if (w.term() != r.term()) {
                w.reply().complete(ErrorResponse.notLeader("", "", "the write at index " + r.index()
                        + " was replaced by a newer leader's entry and not applied; retry it"));
                continue;
            }
            Response response = w.onApplied().apply(r);
            if (response != null) {
                w.reply().complete(response);
            }
        }
    }

    /** Fails the proposals of {@code term} in {@code [first, last]}: they may or may not commit later. */
    void outcomeUnknown(long term, long first, long last) {
        for (Iterator<Map.Entry<Long, Pending[]>> it = ((ConcurrentSkipListMap<Long, Pending[]>) byIndex)
                .subMap(first, true, last, true).entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending[]> e = it.next();
            if (e.getValue()[0].term() == term) {
                it.remove();
                failAll(e.getValue(), "leadership was lost before the write at index " + e.getKey()
                        + " was known to commit; retry it with the same session sequence");
            }
        }
    }

    /** Fails every proposal up to {@code index} (a snapshot replaced them; their outcome is unknown here). */
    void failUpTo(long index) {
        for (Iterator<Map.Entry<Long, Pending[]>> it = ((ConcurrentSkipListMap<Long, Pending[]>) byIndex)
                .headMap(index, true).entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending[]> e = it.next();
            it.remove();
            failAll(e.getValue(), "this node installed a snapshot past index " + e.getKey()
                    + " and cannot tell the write's outcome; retry it with the same session sequence");
        }
    }

    /** Fails everything still waiting, at shutdown. */
    void failAll(String why) {
        for (Iterator<Map.Entry<Long, Pending[]>> it = byIndex.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending[]> e = it.next();
            it.remove();
            failAll(e.getValue(), why);
        }
    }

    private static void failAll(Pending[] waiting, String why) {
        for (Pending p : waiting) {
            p.reply().complete(ErrorResponse.outcomeUnknown(why));
        }
    }

    /** Entries waited for (a group counts once). */
    int size() {
        return byIndex.size();
    }
}
