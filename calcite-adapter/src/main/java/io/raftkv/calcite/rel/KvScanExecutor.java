package io.raftkv.calcite.rel;

import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.KvEntry;
import io.raftkv.calcite.KvSession;
import io.raftkv.calcite.KvTable;
import io.raftkv.calcite.Keys;
import io.raftkv.calcite.ScanPage;
import io.raftkv.calcite.ScanRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The run-time half of {@link KvTableScan}, stashed in the compiled plan: resolves parameters for
 * one execution and reads the store through the connection's session, page by page, stopping as
 * soon as the consumer stops pulling or the pushed limit is reached. Immutable; thread-safe.
 */
public final class KvScanExecutor {

    private final KvTable table;
    private final KeyCondition condition;
    private final boolean reverse;
    private final Operand offset;
    private final Operand fetch;

    KvScanExecutor(KvTable table, KeyCondition condition, boolean reverse, Operand offset, Operand fetch) {
        this.table = table;
        this.condition = condition;
        this.reverse = reverse;
        this.offset = offset;
        this.fetch = fetch;
    }

    /**
     * The rows {key, value} of one execution, in key order of the scan's direction. Called by
     * generated code on the executing thread; reads happen lazily as rows are pulled.
     *
     * @param root the execution's data context: parameters, timeout, cancel flag
     */
    public Enumerable<Object[]> enumerable(DataContext root) {
        KvSession session = table.session();
        CallOptions options = session.callOptions(root);
        long limit = limit(root);
        if (limit == 0) {
            return Linq4j.emptyEnumerable();
        }
        if (condition instanceof KeyCondition.Points p) {
            return points(session, options, p, root, limit);
        }
        ScanRequest first = firstRequest(root, limit);
        if (first == null) {
            return Linq4j.emptyEnumerable();
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return Linq4j.iterableEnumerator(() -> new PageIterator(session, options, first, limit));
            }
        };
    }

    /** offset + fetch for this execution, or Long.MAX_VALUE without a limit. */
    private long limit(DataContext root) {
        if (fetch == null) {
            return Long.MAX_VALUE;
        }
        Object f = fetch.resolve(root);
        Object o = offset == null ? null : offset.resolve(root);
        long n = f == null ? Long.MAX_VALUE : ((Number) f).longValue();
        long skip = o == null ? 0 : ((Number) o).longValue();
        return n == Long.MAX_VALUE ? n : Math.max(0, n) + Math.max(0, skip);
    }

    private Enumerable<Object[]> points(KvSession session, CallOptions options, KeyCondition.Points p,
                                        DataContext root, long limit) {
        TreeSet<byte[]> keys = new TreeSet<>(Keys::compare);
        for (Operand o : p.keys()) {
            Object v = o.resolve(root);
            if (v != null) {
                keys.add(Keys.encodeBound(v.toString()));
            }
        }
        Iterable<byte[]> ordered = reverse ? keys.descendingSet() : keys;
        List<Object[]> rows = new ArrayList<>();
        for (byte[] key : ordered) {
            if (rows.size() >= limit) {
                break;
            }
            options.checkLive();
            Optional<KvEntry> e = session.get(key, options);
            e.ifPresent(entry -> rows.add(row(entry)));
        }
        return Linq4j.asEnumerable(rows);
    }

    /** The first page's request, or null if a bound is NULL (then nothing matches). */
    private ScanRequest firstRequest(DataContext root, long limit) {
        byte[] lower = null;
        byte[] upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        if (condition instanceof KeyCondition.Range r) {
            if (r.lower() != null) {
                Object v = r.lower().resolve(root);
                if (v == null) {
                    return null;
                }
                lower = Keys.encodeBound(v.toString());
                lowerInclusive = r.lowerInclusive();
            }
            if (r.upper() != null) {
                Object v = r.upper().resolve(root);
                if (v == null) {
                    return null;
                }
                upper = Keys.encodeBound(v.toString());
                upperInclusive = r.upperInclusive();
            }
        } else if (condition instanceof KeyCondition.Prefix px) {
            Object v = px.pattern().resolve(root);
            if (v == null) {
                return null;
            }
            byte[] prefix = Keys.encodeBound(KeyCondition.Prefix.literalPrefix(v.toString()));
            if (prefix.length > 0) {
                lower = prefix;
                lowerInclusive = true;
                upper = Keys.prefixEnd(prefix);
            }
        }
        return new ScanRequest(lower, lowerInclusive, upper, upperInclusive, reverse,
                pageSize(limit), null);
    }

    private static int pageSize(long remaining) {
        return (int) Math.min(remaining, KvTableScanCost.PAGE);
    }

    private static Object[] row(KvEntry e) {
        return new Object[] {Keys.decode(e.key()), Keys.decode(e.value())};
    }

    /** Pulls pages on demand; never holds more than one page. */
    private static final class PageIterator implements Iterator<Object[]> {
        private final KvSession session;
        private final CallOptions options;
        private ScanRequest request;
        /** Rows still allowed by the limit. */
        private long remaining;
        private Iterator<KvEntry> page = java.util.Collections.emptyIterator();
        private boolean more = true;
        private byte[] lastKey;

        PageIterator(KvSession session, CallOptions options, ScanRequest first, long limit) {
            this.session = session;
            this.options = options;
            this.request = first;
            this.remaining = limit;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext()) {
                if (!more || remaining <= 0) {
                    return false;
                }
                options.checkLive();
                ScanRequest r = lastKey == null ? request : request.next(lastKey, pageSize(remaining));
                ScanPage p = session.scan(r, options);
                more = p.more() && !p.entries().isEmpty();
                page = p.entries().iterator();
            }
            return remaining > 0;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KvEntry e = page.next();
            lastKey = e.key();
            remaining--;
            return row(e);
        }
    }
}
