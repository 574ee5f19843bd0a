package io.raftkv.node.server;

import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.storage.ScanPage;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns Get and Scan requests into reads of the applied state. Scan pages stop at
 * {@link #MAX_PAGE_ENTRIES} entries or about {@link #MAX_PAGE_BYTES} bytes so an answer fits a
 * frame; the resume key is the first key of the next page (inclusive), as the protocol says.
 *
 * <p>Threads: any; blocks on JE reads (READ_COMMITTED, no locks held against apply).
 */
final class ReadService {

    static final int MAX_PAGE_ENTRIES = 10_000;
    static final int MAX_PAGE_BYTES = 8 << 20;

    private final StateStore state;

    ReadService(StateStore state) {
        this.state = state;
    }

    /** A reserved key ({@link SystemKeys}) reads as absent. */
    Response get(Request.Get g) {
        if (SystemKeys.isSystem(g.key())) {
            return Response.GetResult.absent();
        }
        return state.get(g.key()).map(kv -> new Response.GetResult(kv.value(), kv.modIndex()))
                .orElse(Response.GetResult.absent());
    }

    Response scan(Request.Scan s) {
        byte[] from = s.from().length == 0 ? null : s.from();
        byte[] to = s.to();
        if (s.resumeKey() != null) {
            if (s.reverse()) {
                to = successor(s.resumeKey()); // resume key inclusive, storage bound exclusive
            } else {
                from = s.resumeKey();
            }
        }
        int want = Math.min(s.limit(), MAX_PAGE_ENTRIES);
        ScanRequest req = new ScanRequest(from, to, s.prefix().length == 0 ? null : s.prefix(), want + 1,
                s.reverse(), null);
        // Reserved keys are skipped: read pages until want + 1 visible keys or the end of the range.
        List<io.raftkv.node.storage.KeyValue> visible = new ArrayList<>();
        boolean more = true;
        ScanRequest next = req;
        while (more && visible.size() <= want) {
            ScanPage page = state.scan(next);
            for (io.raftkv.node.storage.KeyValue kv : page.items()) {
                if (!SystemKeys.isSystem(kv.key()) && visible.size() <= want) {
                    visible.add(kv);
                }
            }
            more = page.hasMore();
            if (more) {
                next = req.resumeAfter(page.resumeAfter());
            }
        }
        List<KeyValue> out = new ArrayList<>();
        long bytes = 0;
        byte[] resume = null;
        for (io.raftkv.node.storage.KeyValue kv : visible) {
            if (out.size() >= want || (bytes > MAX_PAGE_BYTES && !out.isEmpty())) {
                resume = kv.key();
                break;
            }
            out.add(new KeyValue(kv.key(), kv.value(), kv.modIndex()));
            bytes += kv.key().length + kv.value().length + 16;
        }
        return new Response.ScanResult(out, resume);
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
