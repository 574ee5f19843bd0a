package io.raftkv.calcite;

import java.util.List;

/**
 * What one {@link KvStore#scan} call returned.
 *
 * @param entries in scan order, at most the request's limit; unmodifiable
 * @param more    true if entries may remain past the last one returned
 */
public record ScanPage(List<KvEntry> entries, boolean more) {

    public ScanPage {
        entries = List.copyOf(entries);
    }
}
