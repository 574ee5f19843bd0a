package io.raftkv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scans against a sorted-set model: for any bounds, prefix, direction and page size, paging
 * through a scan returns exactly the model's keys in order. Keys use the bytes 0x00, 0x01, 'a'
 * and 0xFF so prefixes ending in 0xFF and keys that are prefixes of others are common.
 */
class StorageScanPropertiesTest {

    private static final byte[] ALPHABET = {0x00, 0x01, 'a', (byte) 0xFF};
    private static Path dir;
    private static JeStorage store;
    private static final TreeSet<byte[]> MODEL = new TreeSet<>(Arrays::compareUnsigned);

    @BeforeContainer
    static void fill() throws IOException {
        dir = Files.createTempDirectory("raftkv-scan-props");
        store = JeStorage.open(dir, StorageConfig.forTests());
        Random r = new Random(42);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            byte[] key = randomKey(r);
            MODEL.add(key);
            Op put = Put.of(key, new byte[] {(byte) i});
            entries.add(StorageFixtures.command(1, i, put));
        }
        StorageFixtures.appendCommitApply(store, entries);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] randomKey(Random r) {
        byte[] k = new byte[1 + r.nextInt(4)];
        for (int i = 0; i < k.length; i++) {
            k[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return k;
    }

    @Provide
    Arbitrary<byte[]> bounds() {
        Arbitrary<byte[]> key = Arbitraries.of(ALPHABET[0], ALPHABET[1], ALPHABET[2], ALPHABET[3])
                .array(byte[].class).ofMinSize(0).ofMaxSize(3);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)),
                net.jqwik.api.Tuple.of(3, key));
    }

    @Property(tries = 300)
    void when_paging_through_any_scan_then_the_keys_are_exactly_the_models(
            @ForAll("bounds") byte[] from, @ForAll("bounds") byte[] to, @ForAll("bounds") byte[] prefix,
            @ForAll @IntRange(min = 1, max = 40) int limit, @ForAll boolean descending) {
        List<byte[]> expected = new ArrayList<>();
        for (byte[] k : MODEL) {
            boolean in = (from == null || Arrays.compareUnsigned(k, from) >= 0)
                    && (to == null || Arrays.compareUnsigned(k, to) < 0)
                    && (prefix == null || (k.length >= prefix.length
                            && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)));
            if (in) {
                expected.add(k);
            }
        }
        if (descending) {
            java.util.Collections.reverse(expected);
        }
        ScanRequest req = new ScanRequest(from, to, prefix, limit, descending, null);
        List<byte[]> got = new ArrayList<>();
        for (int pages = 0; pages <= MODEL.size() + 1; pages++) {
            ScanPage page = store.scan(req);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().forEach(kv -> got.add(kv.key()));
            if (!page.hasMore()) {
                break;
            }
            req = req.resumeAfter(page.resumeAfter());
        }
        assertThat(got).usingElementComparator(Arrays::compareUnsigned).containsExactlyElementsOf(expected);
    }
}
