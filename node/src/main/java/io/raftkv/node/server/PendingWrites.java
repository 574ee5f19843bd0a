package io.raftkv.node.server;

import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.storage.AppliedEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Entries this node proposed as leader and whose clients wait for the outcome, by log index.
 * The Raft thread adds them right after proposing; the apply thread answers them once the entry
 * at that index is applied; the Raft thread fails them when leadership is lost (outcome unknown).
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

    private final Map<Long, Pending> byIndex = new ConcurrentSkipListMap<>();

    void add(long index, Pending pending) {
        byIndex.put(index, pending);
    }

    /** Apply thread: answers whoever waits for {@code applied.index()}. */
    void applied(AppliedEntry applied) {
        Pending p = byIndex.remove(applied.index());
        if (p == null) {
            return;
        }
        if (p.term() != applied.term()) {
            p.reply().complete(ErrorResponse.notLeader("", "", "the write at index " + applied.index()
                    + " was replaced by a newer leader's entry and not applied; retry it"));
            return;
        }
        Response r = p.onApplied().apply(applied);
        if (r != null) {
            p.reply().complete(r);
        }
    }

    /** Fails the proposals of {@code term} in {@code [first, last]}: they may or may not commit later. */
    void outcomeUnknown(long term, long first, long last) {
        for (Iterator<Map.Entry<Long, Pending>> it = ((ConcurrentSkipListMap<Long, Pending>) byIndex)
                .subMap(first, true, last, true).entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending> e = it.next();
            if (e.getValue().term() == term) {
                it.remove();
                e.getValue().reply().complete(ErrorResponse.outcomeUnknown("leadership was lost before the write at"
                        + " index " + e.getKey() + " was known to commit; retry it with the same session sequence"));
            }
        }
    }

    /** Fails every proposal up to {@code index} (a snapshot replaced them; their outcome is unknown here). */
    void failUpTo(long index) {
        for (Iterator<Map.Entry<Long, Pending>> it = ((ConcurrentSkipListMap<Long, Pending>) byIndex)
                .headMap(index, true).entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending> e = it.next();
            it.remove();
            e.getValue().reply().complete(ErrorResponse.outcomeUnknown("this node installed a snapshot past index "
                    + e.getKey() + " and cannot tell the write's outcome; retry it with the same session sequence"));
        }
    }

    /** Fails everything still waiting, at shutdown. */
    void failAll(String why) {
        for (Iterator<Map.Entry<Long, Pending>> it = byIndex.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Pending> e = it.next();
            it.remove();
            e.getValue().reply().complete(ErrorResponse.outcomeUnknown(why));
        }
    }

    int size() {
        return byIndex.size();
    }
}
