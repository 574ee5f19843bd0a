package io.raftkv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sleepycat.je.DatabaseEntry;
import io.raftkv.node.raft.HardState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * jqwik-driven mutation of the storage record decoders (package-private): a damaged
 * {@code data} or {@code meta} record read back from disk decodes or fails with
 * {@link StorageException} naming the corruption, never another exception.
 */
class StoredRecordFuzzProperties {

    @Property(tries = 2000)
    void a_damaged_data_record_decodes_or_fails_with_StorageException(@ForAll @Size(max = 64) byte[] value,
            @ForAll @IntRange(min = 0, max = 80) int cut, @ForAll int flip) {
        byte[] record = DataRecord.encode(value, 1, 2);
        byte[] damaged = java.util.Arrays.copyOf(record, Math.min(cut, record.length));
        if (damaged.length > 0) {
            damaged[Math.floorMod(flip, damaged.length)] ^= 1;
        }
        try {
            assertThat(DataRecord.decode(new byte[] {1}, damaged).value()).hasSize(damaged.length - DataRecord.HEADER);
        } catch (StorageException expected) {
            assertThat(expected.getMessage()).contains("corrupt");
        }
    }

    @Property(tries = 2000)
    void a_damaged_meta_record_decodes_or_fails_with_StorageException(@ForAll @Size(max = 40) byte[] bytes) {
        DatabaseEntry e = new DatabaseEntry(bytes);
        for (Runnable read : new Runnable[] {
            () -> MetaRecords.readHardState(e), () -> MetaRecords.readMembership(e),
            () -> MetaRecords.readPair(e, "applied"),
        }) {
            try {
                read.run();
            } catch (StorageException expected) {
                assertThat(expected.getMessage()).contains("corrupt");
            }
        }
    }

    @Property(tries = 500)
    void a_hard_state_round_trips(@ForAll @IntRange(min = 0, max = 1000) int term,
            @ForAll @IntRange(min = 0, max = 1000) int commit, @ForAll boolean voted) {
        HardState hs = new HardState(term, voted ? "n2" : null, commit);
        assertThat(MetaRecords.readHardState(MetaRecords.hardState(hs))).isEqualTo(hs);
    }
}
