package io.raftkv.node.storage;

import io.raftkv.client.command.CommandResult;
import io.raftkv.client.log.EntryType;

/**
 * What applying one log entry did, so the server can answer the client that proposed it.
 *
 * @param index     the entry's index
 * @param term      the entry's term (the server matches it with the term it proposed in)
 * @param type      the entry's type
 * @param result    for a COMMAND entry whose payload decoded, the command's result; else null
 * @param rejection for a COMMAND entry that was not applied, why: its payload did not decode, or
 *                  its session sequence is too old to deduplicate (the entry is consumed without
 *                  effect on every replica alike); else null
 * @param duplicate true if the command's session had already applied this sequence: {@code result}
 *                  is the stored result of the first application and nothing was applied again
 * @param position  the command's place in a group entry (several clients' commands in one entry,
 *                  one AppliedEntry each, in order); 0 otherwise
 */
public record AppliedEntry(long index, long term, EntryType type, CommandResult result, String rejection,
        boolean duplicate, int position) {

    /** An entry that is not part of a group (position 0). */
    public AppliedEntry(long index, long term, EntryType type, CommandResult result, String rejection,
            boolean duplicate) {
        this(index, term, type, result, rejection, duplicate, 0);
    }
}
