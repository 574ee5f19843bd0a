package io.raftkv.node.storage;

import static io.raftkv.node.storage.StorageFixtures.appendCommitApply;
import static io.raftkv.node.storage.StorageFixtures.b;
import static io.raftkv.node.storage.StorageFixtures.command;
import static io.raftkv.node.storage.StorageFixtures.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Put;
import io.raftkv.client.log.LogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageScanTest {

    @TempDir
    Path dir;

    private JeStorage store;

    @BeforeEach
    void fill() {
        store = JeStorage.open(dir, StorageConfig.forTests());
        List<LogEntry> entries = new ArrayList<>();
        long i = 1;
        for (String k : List.of("a", "ab", "abc", "b", "ba", "c", "\u00ff")) {
            entries.add(command(1, i++, Put.of(b(k), b("v-" + k))));
        }
        entries.add(command(1, i, Put.of(new byte[] {'a', (byte) 0xFF}, b("ff"))));
        appendCommitApply(store, entries);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> keys(ScanRequest r) {
        return store.scan(r).items().stream().map(kv -> s(kv.key())).toList();
    }

    @Test
    void when_scanning_all_then_keys_come_in_unsigned_byte_order() {
        List<String> all = keys(ScanRequest.all());
        assertThat(all).hasSize(8);
        assertThat(all.subList(0, 3)).containsExactly("a", "ab", "abc");
        assertThat(all.get(7)).isEqualTo("\u00ff");
        assertThat(keys(ScanRequest.all().descending(true)).get(0)).isEqualTo("\u00ff");
    }

    @Test
    void when_scanning_a_range_then_from_is_inclusive_and_to_exclusive() {
        assertThat(keys(ScanRequest.range(b("ab"), b("ba")))).containsExactly("ab", "abc", s(new byte[] {'a', (byte) 0xFF}), "b");
        assertThat(keys(ScanRequest.range(b("ab"), b("ba")).descending(true)))
                .containsExactly("b", s(new byte[] {'a', (byte) 0xFF}), "abc", "ab");
        assertThat(keys(ScanRequest.range(b("c"), b("a")))).isEmpty();
    }

    @Test
    void when_scanning_a_prefix_then_only_its_keys_come_back_both_ways() {
        assertThat(keys(ScanRequest.prefix(b("ab")))).containsExactly("ab", "abc");
        assertThat(keys(ScanRequest.prefix(b("b")).descending(true))).containsExactly("ba", "b");
        assertThat(keys(ScanRequest.prefix(new byte[] {'a', (byte) 0xFF}))).hasSize(1);
        assertThat(keys(ScanRequest.prefix(b("zz")))).isEmpty();
    }

    @Test
    void when_paging_with_a_limit_then_pages_join_to_the_full_scan() {
        for (boolean desc : new boolean[] {false, true}) {
            ScanRequest r = ScanRequest.all().withLimit(3).descending(desc);
            List<String> joined = new ArrayList<>();
            int pages = 0;
            while (true) {
                ScanPage page = store.scan(r);
                pages++;
                page.items().forEach(kv -> joined.add(s(kv.key())));
                if (!page.hasMore()) {
                    break;
                }
                assertThat(page.items()).hasSize(3);
                r = r.resumeAfter(page.resumeAfter());
            }
            assertThat(pages).isEqualTo(3);
            assertThat(joined).containsExactlyElementsOf(keys(ScanRequest.all().descending(desc)));
        }
    }

    @Test
    void when_a_page_ends_exactly_at_the_last_key_then_no_further_page_is_announced() {
        ScanPage page = store.scan(ScanRequest.prefix(b("a")).withLimit(4));
        assertThat(page.items()).hasSize(4);
        assertThat(page.hasMore()).isFalse();
        assertThat(s(page.items().get(0).value())).isEqualTo("v-a");
    }
}
