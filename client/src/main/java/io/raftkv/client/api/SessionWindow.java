package io.raftkv.client.api;

import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Hands out this client's session sequence numbers so that every retry stays answerable: the
 * nodes remember the results of a session's last {@link ClientConfig#SESSION_WINDOW} sequences
 * and refuse an older one (its outcome is no longer known, thesis §6.3). So a write gets a
 * sequence of a session only while it is less than that session's oldest unfinished sequence
 * plus the window. To have more writes in flight than one window holds, the client keeps one
 * session (a random client id) per window of {@code maxWritesInFlight}: a write takes the first
 * session with room, so a client that writes one call at a time uses only the first, and a slow
 * write holds back only later sequences of its own session. Writes with no room anywhere wait
 * here, in call order, at most until their request timeout.
 *
 * <p>Thread-safe: the state is guarded by {@code this}; sends and completions happen outside the lock.
 */
final class SessionWindow {

    /** A write waiting for a sequence. */
    private record Waiting(Function<Session, CompletableFuture<Response.WriteResult>> send,
            CompletableFuture<Response.WriteResult> result) {
    }

    /** One session's sequences. Guarded by the enclosing window. */
    private static final class Lane {
        final long clientId;
        /** Most sequences unfinished at once, 1..SESSION_WINDOW. */
        final int window;
        /** Sequences handed out whose calls have not finished. */
        final TreeSet<Long> unfinished = new TreeSet<>();
        /** The last sequence handed out; 0 before the first. */
        long lastSequence;

        Lane(long clientId, int window) {
            this.clientId = clientId;
            this.window = window;
        }

        boolean hasRoom() {
            return unfinished.isEmpty() || lastSequence + 1 < unfinished.first() + window;
        }
    }

    private final ClientCore core;
    /** At least one; all but the last have a window of SESSION_WINDOW. */
    private final List<Lane> lanes;
    /** The lanes' client ids, in lane order. */
    private final List<Long> clientIds;
    /** The sum of the lanes' windows: maxWritesInFlight. */
    private final int capacity;
    /** Writes waiting for a sequence, oldest first. Guarded by this. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    SessionWindow(ClientCore core, int maxWritesInFlight) {
        this.core = core;
        this.capacity = maxWritesInFlight;
        List<Lane> built = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int left = maxWritesInFlight; left > 0; left -= ClientConfig.SESSION_WINDOW) {
            long id;
            do {
                id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            } while (!ids.add(id));
            built.add(new Lane(id, Math.min(left, ClientConfig.SESSION_WINDOW)));
        }
        this.lanes = List.copyOf(built);
        this.clientIds = lanes.stream().map(l -> l.clientId).toList();
    }

    /** The client id of every session, the first one's first. */
    List<Long> clientIds() {
        return clientIds;
    }

    /**
     * Runs {@code send} with the next session once a window has room. The returned future
     * completes as the sent call does, or with {@link RequestTimeoutException} if no room came
     * within the request timeout (nothing was sent), or {@link ClientClosedException}.
     * Cancelling it cancels the call. Non-blocking, any thread.
     */
    CompletableFuture<Response.WriteResult> submit(Function<Session, CompletableFuture<Response.WriteResult>> send) {
        CompletableFuture<Response.WriteResult> result = new CompletableFuture<>();
        Waiting entry = new Waiting(send, result);
        synchronized (this) {
            waiting.add(entry);
        }
        long timeoutNanos = core.config().requestTimeout().toNanos();
        ScheduledFuture<?> timer = core.schedule(() -> {
            synchronized (this) {
                if (!waiting.remove(entry)) {
                    return; // sent meanwhile: the call's own deadline applies
                }
            }
            result.completeExceptionally(new RequestTimeoutException("Write waited "
                    + core.config().requestTimeout().toMillis() + " ms (requestTimeout) for a place among the "
                    + capacity + " writes in flight (maxWritesInFlight) and was not sent", null));
        }, timeoutNanos);
        if (timer == null) {
            result.completeExceptionally(new ClientClosedException("Write: the client is closed"));
        } else {
            result.whenComplete((r, e) -> timer.cancel(false));
        }
        drain();
        return result;
    }

    /** Fails every waiting write; they were never sent. */
    void failWaiting(RaftKvClientException failure) {
        List<Waiting> all;
        synchronized (this) {
            all = new ArrayList<>(waiting);
            waiting.clear();
        }
        all.forEach(w -> w.result().completeExceptionally(failure));
    }

    /** Writes waiting for a sequence now, for tests. */
    synchronized int waitingCount() {
        return waiting.size();
    }

    private void drain() {
        List<Runnable> starts = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                Lane lane = firstWithRoom();
                if (lane == null) {
                    break;
                }
                Waiting next = waiting.poll();
                if (next.result().isDone()) {
                    continue;
                }
                Session session = new Session(lane.clientId, ++lane.lastSequence);
                lane.unfinished.add(session.sequence());
                starts.add(() -> start(next, lane, session));
            }
        }
        starts.forEach(Runnable::run);
    }

    private Lane firstWithRoom() {
        for (Lane lane : lanes) {
            if (lane.hasRoom()) {
                return lane;
            }
        }
        return null;
    }

    private void start(Waiting write, Lane lane, Session session) {
        CompletableFuture<Response.WriteResult> call;
        try {
            call = write.send().apply(session);
        } catch (RuntimeException e) {
            finished(lane, session.sequence());
            write.result().completeExceptionally(e);
            return;
        }
        write.result().whenComplete((r, e) -> {
            if (write.result().isCancelled()) {
                call.cancel(false);
            }
        });
        call.whenComplete((r, e) -> {
            finished(lane, session.sequence());
            if (e != null) {
                write.result().completeExceptionally(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            } else {
                write.result().complete(r);
            }
        });
    }

    private void finished(Lane lane, long sequence) {
        synchronized (this) {
            lane.unfinished.remove(sequence);
        }
        drain();
    }
}
