package io.raftkv.client.api;

import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.Response;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * Hands out this client's session sequence numbers so that every retry stays answerable: the
 * nodes remember the results of a client's last {@link ClientConfig#MAX_WRITES_IN_FLIGHT}
 * sequences and refuse an older one (its outcome is no longer known, thesis §6.3). So a write
 * gets its sequence only when it is less than the oldest unfinished sequence plus the window;
 * until then it waits here, in call order, at most until its request timeout.
 *
 * <p>Thread-safe: the state is guarded by {@code this}; sends and completions happen outside the lock.
 */
final class SessionWindow {

    /** A write waiting for a sequence. */
    private record Waiting(Function<Session, CompletableFuture<Response.WriteResult>> send,
            CompletableFuture<Response.WriteResult> result) {
    }

    private final ClientCore core;
    private final long clientId;
    /** Most sequences unfinished at once, 1..MAX_WRITES_IN_FLIGHT. */
    private final int window;
    /** Writes waiting for a sequence, oldest first. Guarded by this. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    /** Sequences handed out whose calls have not finished. Guarded by this. */
    private final TreeSet<Long> unfinished = new TreeSet<>();
    /** The last sequence handed out; 0 before the first. Guarded by this. */
    private long lastSequence;

    SessionWindow(ClientCore core, long clientId, int window) {
        this.core = core;
        this.clientId = clientId;
        this.window = window;
    }

    /**
     * Runs {@code send} with the next session once the window has room. The returned future
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
                    + window + " writes in flight (maxWritesInFlight) and was not sent", null));
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
            while (!waiting.isEmpty() && (unfinished.isEmpty() || lastSequence + 1 < unfinished.first() + window)) {
                Waiting next = waiting.poll();
                if (next.result().isDone()) {
                    continue;
                }
                long sequence = ++lastSequence;
                unfinished.add(sequence);
                starts.add(() -> start(next, sequence));
            }
        }
        starts.forEach(Runnable::run);
    }

    private void start(Waiting write, long sequence) {
        CompletableFuture<Response.WriteResult> call;
        try {
            call = write.send().apply(new Session(clientId, sequence));
        } catch (RuntimeException e) {
            finished(sequence);
            write.result().completeExceptionally(e);
            return;
        }
        write.result().whenComplete((r, e) -> {
            if (write.result().isCancelled()) {
                call.cancel(false);
            }
        });
        call.whenComplete((r, e) -> {
            finished(sequence);
            if (e != null) {
                write.result().completeExceptionally(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            } else {
                write.result().complete(r);
            }
        });
    }

    private void finished(long sequence) {
        synchronized (this) {
            unfinished.remove(sequence);
        }
        drain();
    }
}
