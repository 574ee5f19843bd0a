package io.raftkv.node.storage;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Get;
import com.sleepycat.je.OperationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Range scans of {@code data} with a READ_COMMITTED cursor outside any transaction, so a scan
 * never holds locks that would block apply (a page is not a point-in-time view across apply).
 */
final class DataScanner {

    private DataScanner() {
    }

    static ScanPage scan(Database data, ScanRequest req) {
        byte[] lower = max(req.from(), req.prefix());
        byte[] upper = min(req.to(), req.prefix() == null ? null : prefixEnd(req.prefix()));
        if (req.resumeAfter() != null) {
            if (req.descending()) {
                upper = min(upper, req.resumeAfter());
            } else {
                lower = max(lower, Arrays.copyOf(req.resumeAfter(), req.resumeAfter().length + 1));
            }
        }
        List<KeyValue> items = new ArrayList<>(Math.min(req.limit(), 1024));
        boolean more = false;
        if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) >= 0) {
            return new ScanPage(items, null);
        }
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = data.openCursor(null, CursorConfig.READ_COMMITTED)) {
            OperationResult r;
            if (!req.descending()) {
                if (lower == null) {
                    r = c.get(key, value, Get.FIRST, null);
                } else {
                    key.setData(lower);
                    r = c.get(key, value, Get.SEARCH_GTE, null);
                }
                while (r != null && (upper == null || Arrays.compareUnsigned(key.getData(), upper) < 0)) {
                    if (items.size() == req.limit()) {
                        more = true;
                        break;
                    }
                    items.add(DataRecord.decode(key.getData(), value.getData()));
                    r = c.get(key, value, Get.NEXT, null);
                }
            } else {
                if (upper == null) {
                    r = c.get(key, value, Get.LAST, null);
                } else {
                    key.setData(upper);
                    r = c.get(key, value, Get.SEARCH_GTE, null);
                    r = r == null ? c.get(key, value, Get.LAST, null) : c.get(key, value, Get.PREV, null);
                }
                while (r != null && (lower == null || Arrays.compareUnsigned(key.getData(), lower) >= 0)) {
                    if (items.size() == req.limit()) {
                        more = true;
                        break;
                    }
                    items.add(DataRecord.decode(key.getData(), value.getData()));
                    r = c.get(key, value, Get.PREV, null);
                }
            }
        }
        byte[] resume = more ? items.get(items.size() - 1).key() : null;
        return new ScanPage(items, resume);
    }

    /** The smallest key greater than every key with {@code prefix}, or null if there is none. */
    static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    // null = unbounded below
    private static byte[] max(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    // null = unbounded above
    private static byte[] min(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
