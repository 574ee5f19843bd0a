package io.raftkv.node.storage;

/**
 * Where the stored log begins: the first index held and the term of the entry just before it
 * (the last compacted or snapshot entry, §7), so {@code term(firstIndex - 1)} stays answerable.
 *
 * @param firstIndex first stored index, at least 1
 * @param prevTerm   term of entry {@code firstIndex - 1}; 0 when {@code firstIndex == 1}
 */
record LogStart(long firstIndex, long prevTerm) {

    static final LogStart EMPTY = new LogStart(1, 0);
}
