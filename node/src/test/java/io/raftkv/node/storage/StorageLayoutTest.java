package io.raftkv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.Environment;
import io.raftkv.node.raft.HardState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageLayoutTest {

    @TempDir
    Path dir;

    @Test
    void when_the_data_dir_is_listed_with_DbDump_then_it_holds_exactly_the_four_databases() throws Exception {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            StorageFixtures.appendCommitApply(s, StorageFixtures.noops(1, 1, 3));
            assertThat(s.databaseNames()).containsExactlyInAnyOrder("unstable", "committed", "data", "meta");
        }
        // JE's own tool, in its own JVM as an operator would run it: java com.sleepycat.je.util.DbDump -h DIR -l
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.sleepycat.je.util.DbDump",
                "-h", dir.toString(), "-l").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                .as(out).containsExactlyInAnyOrder("unstable", "committed", "data", "meta");
    }

    @Test
    void when_the_directory_holds_a_foreign_JE_environment_then_open_fails_closed() {
        var ec = JeEnvironments.environmentConfig(StorageConfig.forTests());
        try (Environment env = new Environment(dir.toFile(), ec);
                Database db = env.openDatabase(null, "orders", new DatabaseConfig().setAllowCreate(true)
                        .setTransactional(true))) {
            assertThat(db.getDatabaseName()).isEqualTo("orders");
        }
        assertThatThrownBy(() -> JeStorage.open(dir, StorageConfig.forTests()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not a raftkv data directory")
                .hasMessageContaining("orders");
    }

    @Test
    void when_the_log_files_are_damaged_then_open_fails_closed() throws IOException {
        try (JeStorage s = JeStorage.open(dir, StorageConfig.forTests())) {
            s.saveHardStateAndAppend(new HardState(1, "n1", 0), StorageFixtures.noops(1, 1, 50));
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".jdb")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] junk = new byte[(int) Files.size(f)];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            Files.write(f, junk);
        }
        assertThatThrownBy(() -> JeStorage.open(dir, StorageConfig.forTests()))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void when_free_disk_is_below_je_freeDisk_then_the_store_fails_with_a_StorageException_naming_it() {
        // a reserve larger than any disk: JE refuses writes (DiskLimitException) from the first
        // one (the format record at open), wrapped with JE's message naming je.freeDisk
        StorageConfig config = StorageConfig.forTests().withFreeDiskBytes(Long.MAX_VALUE / 4);
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (JeStorage s = JeStorage.open(dir, config)) {
                s.append(StorageFixtures.noops(1, 1, 1));
            }
        });
        assertThat(failure).isInstanceOf(StorageException.class);
        assertThat(failure.getMessage()).contains("je.freeDisk");
    }

    @Test
    void when_the_store_is_closed_then_further_calls_fail_instead_of_touching_JE() {
        JeStorage s = JeStorage.open(dir, StorageConfig.forTests());
        s.close();
        s.close();
        assertThatThrownBy(() -> s.apply(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> s.get(new byte[] {1})).isInstanceOf(IllegalStateException.class);
    }
}
