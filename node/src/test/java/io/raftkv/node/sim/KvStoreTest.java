package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator's state machine and its command encoding. */
class KvStoreTest {

    @Test
    @DisplayName("put, delete and compare-and-set follow the register model the checker uses")
    void when_commands_apply_then_results_follow_model() {
        KvStore kv = new KvStore();
        assertThat(kv.apply(new KvCommand.Cas(1, "k", null, "a"))).isTrue();
        assertThat(kv.apply(new KvCommand.Cas(2, "k", null, "b"))).isFalse();
        assertThat(kv.apply(new KvCommand.Cas(3, "k", "a", "c"))).isTrue();
        assertThat(kv.get("k")).isEqualTo("c");
        assertThat(kv.apply(new KvCommand.Delete(4, "k"))).isTrue();
        assertThat(kv.apply(new KvCommand.Delete(5, "k"))).isFalse();
        assertThat(kv.apply(new KvCommand.Put(6, "k", "d"))).isTrue();
        assertThat(kv.get("k")).isEqualTo("d");
    }

    @Test
    @DisplayName("a snapshot restores byte-identical state with the same hash")
    void when_snapshot_restored_then_state_and_hash_match() {
        KvStore kv = new KvStore();
        kv.apply(new KvCommand.Put(1, "a", "x"));
        kv.apply(new KvCommand.Put(2, "b", "ü"));
        KvStore copy = new KvStore();
        copy.restore(kv.snapshot());
        assertThat(copy.stateHash()).isEqualTo(kv.stateHash());
        assertThat(copy.get("b")).isEqualTo("ü");
        copy.apply(new KvCommand.Put(3, "a", "y"));
        assertThat(copy.stateHash()).isNotEqualTo(kv.stateHash());
        copy.restore(new byte[0]);
        assertThat(copy.size()).isZero();
    }

    @Test
    @DisplayName("commands survive encode and decode; foreign bytes are refused with a typed error")
    void when_command_encoded_then_decodes_equal() {
        KvCommand cas = new KvCommand.Cas(9, "k1", null, "v9");
        assertThat(KvCommand.decode(cas.encode())).isEqualTo(cas);
        KvCommand del = new KvCommand.Delete(10, "k2");
        assertThat(KvCommand.decode(del.encode())).isEqualTo(del);
        assertThatThrownBy(() -> KvCommand.decode(new byte[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a simulator KV command");
    }
}
