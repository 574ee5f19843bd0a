package io.raftkv.node.storage;

import java.util.List;

/**
 * One page of a scan.
 *
 * @param items       the keys found, in the requested order
 * @param resumeAfter where the next page starts ({@link ScanRequest#resumeAfter(byte[])}), or
 *                    null when the range is exhausted
 */
public record ScanPage(List<KeyValue> items, byte[] resumeAfter) {

    public ScanPage {
        items = List.copyOf(items);
    }

    /** True if a further page may hold keys. */
    public boolean hasMore() {
        return resumeAfter != null;
    }
}
