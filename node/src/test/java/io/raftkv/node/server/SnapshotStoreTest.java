package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.SnapshotMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @TempDir
    Path dir;

    @Test
    void when_empty_then_there_is_no_latest_snapshot() {
        assertThat(new SnapshotStore(dir).latest()).isEmpty();
    }

    @Test
    void when_a_newer_snapshot_is_committed_then_it_is_latest_and_older_files_are_gone() throws Exception {
        SnapshotStore store = new SnapshotStore(dir);
        Membership m = Membership.ofVoters("n1", "n2", "n3");
        store.commit(new SnapshotMeta(0, 0, m), null);
        Path first = store.newTempFile("snapshot");
        Files.writeString(first, "state at 100");
        store.commit(new SnapshotMeta(100, 2, m), first);
        Path second = store.newTempFile("snapshot");
        Files.writeString(second, "state at 200");
        store.commit(new SnapshotMeta(200, 3, m), second);

        SnapshotStore reopened = new SnapshotStore(dir);
        assertThat(reopened.latest()).contains(new SnapshotMeta(200, 3, m));
        assertThat(Files.readString(reopened.data(200).orElseThrow())).isEqualTo("state at 200");
        assertThat(reopened.data(100)).isEmpty();
        assertThat(reopened.data(0)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("snap-200.meta",
                    "snap-200.data");
        }
    }
}
