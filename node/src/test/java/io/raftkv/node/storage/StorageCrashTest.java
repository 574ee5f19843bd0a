package io.raftkv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM running the storage under load ({@link StorageCrashChild}) at random moments
 * and checks, after each kill, what a reopened store holds against what the child acknowledged.
 * {@code -Draftkv.crash.cycles=1000} for a long run (default 50).
 */
class StorageCrashTest {

    @TempDir
    Path dir;

    /** Acknowledged log: index -> term; entries are {@link CrashWorkload#entry}(term, index). */
    private TreeMap<Long, Long> acked = new TreeMap<>();
    private HardState ackedHard = HardState.INITIAL;
    private long ackedApplied;
    private HardState lastSeenHard = HardState.INITIAL;
    // how often the unacknowledged in-flight write turned out durable: shows the kills land mid-write
    private int inFlightFound;
    private List<String> lastLines = List.of();

    @Test
    @DisplayName("§5 after SIGKILL at any moment: acknowledged appends present, data = replay of the applied log, "
            + "each entry applied once, hard state never backwards")
    void when_the_process_is_killed_at_random_moments_then_nothing_acknowledged_is_lost() throws Exception {
        int cycles = Integer.getInteger("raftkv.crash.cycles", 50);
        long seed = Long.getLong("raftkv.crash.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path data = dir.resolve("node");
        long totalAcked = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            int killAfterLines = 1 + rnd.nextInt(rnd.nextBoolean() ? 12 : 120);
            List<String> lines = runAndKill(data, rnd.nextLong(), killAfterLines, dir.resolve("progress-" + cycle));
            String pending = replay(lines);
            lastLines = lines.subList(Math.max(0, lines.size() - 4), lines.size());
            totalAcked += lines.stream().filter(l -> l.startsWith("ACK")).count();
            verify(data, pending, "seed " + seed + ", cycle " + cycle);
        }
        System.out.printf("crash test: %d cycles, seed %d, %d acknowledged appends, log up to %d, applied %d, "
                + "in-flight write found durable in %d cycles%n", cycles, seed, totalAcked, acked.isEmpty() ? 0
                : acked.lastKey(), ackedApplied, inFlightFound);
        assertThat(totalAcked).as("the child made progress").isGreaterThan(cycles);
    }

    private List<String> runAndKill(Path data, long childSeed, int killAfterLines, Path progress) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StorageCrashChild.class.getName(),
                data.toString(), Long.toString(childSeed), progress.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // counted down once per line and fully at end of output, so the wait below blocks, not spins
        CountDownLatch enoughLines = new CountDownLatch(killAfterLines);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    enoughLines.countDown();
                }
            } catch (java.io.IOException pipeClosedByTheKill) {
                // expected when the kill races the read ("Stream closed"); the pipe only times the
                // kill, the progress file is the record, so nothing is lost here
                enoughLines.countDown();
            } finally {
                while (enoughLines.getCount() > 0) {
                    enoughLines.countDown();
                }
            }
        }, "crash-child-reader");
        reader.start();
        assertThat(enoughLines.await(60, TimeUnit.SECONDS)).as("the child printed " + killAfterLines + " lines").isTrue();
        assertThat(p.isAlive()).as("the child must still run when killed (did it fail? see stderr)").isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(30_000);
        // the progress file, not the pipe, is the record: every line in it was written before the
        // storage call it announces (BEGIN) or after the call returned (ACK, HS, APPLIED)
        return java.nio.file.Files.readAllLines(progress, StandardCharsets.UTF_8);
    }

    /** Folds the child's lines into the acknowledged model; returns the unacknowledged BEGIN, if any. */
    private String replay(List<String> lines) {
        String pending = null;
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "BEGIN" -> pending = line;
                case "ACK" -> {
                    pending = null;
                    acked = withAppend(acked, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
                    ackedHard = new HardState(Long.parseLong(f[3]), "n1", ackedHard.commit());
                }
                case "HS" -> ackedHard = new HardState(Long.parseLong(f[1]), "n1", Long.parseLong(f[2]));
                case "APPLIED" -> ackedApplied = Long.parseLong(f[1]);
                case "OPEN" -> { }
                default -> throw new AssertionError("unexpected child output: " + line);
            }
        }
        return pending;
    }

    private static TreeMap<Long, Long> withAppend(TreeMap<Long, Long> log, long from, long to, long term) {
        TreeMap<Long, Long> next = new TreeMap<>(log.headMap(from));
        for (long i = from; i <= to; i++) {
            next.put(i, term);
        }
        return next;
    }

    /** "" if equal, else the first index where the stored and expected logs differ and the sizes. */
    private static String difference(TreeMap<Long, Long> stored, TreeMap<Long, Long> expected) {
        if (stored.equals(expected)) {
            return "";
        }
        long i = 1;
        while (java.util.Objects.equals(stored.get(i), expected.get(i))) {
            i++;
        }
        return "first difference at index " + i + ": stored term " + stored.get(i) + ", expected term "
                + expected.get(i) + "; stored last " + (stored.isEmpty() ? 0 : stored.lastKey()) + ", expected last "
                + (expected.isEmpty() ? 0 : expected.lastKey());
    }

    private void verify(Path data, String pending, String where) throws Exception {
        try (JeStorage s = JeStorage.open(data, StorageConfig.forTests())) {
            HardState hs = s.hardState();
            assertThat(hs.term()).as(where + ": term").isGreaterThanOrEqualTo(Math.max(ackedHard.term(), lastSeenHard.term()));
            assertThat(hs.commit()).as(where + ": commit").isGreaterThanOrEqualTo(Math.max(ackedHard.commit(),
                    lastSeenHard.commit()));
            lastSeenHard = hs;
            assertThat(s.appliedIndex()).as(where + ": applied").isGreaterThanOrEqualTo(ackedApplied)
                    .isLessThanOrEqualTo(hs.commit());

            TreeMap<Long, Long> stored = new TreeMap<>();
            for (LogEntry e : s.entries(1, s.lastIndex() + 1, Long.MAX_VALUE)) {
                assertThat(e).as(where + ": entry content").isEqualTo(CrashWorkload.entry(e.term(), e.index()));
                stored.put(e.index(), e.term());
            }
            if (pending != null && !stored.equals(acked)) {
                String[] f = pending.split(" ");
                TreeMap<Long, Long> alt = withAppend(acked, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
                assertThat(difference(stored, alt)).as(where + ": log is the acknowledged one or it plus the in-flight "
                        + pending + "; last lines " + lastLines).isEmpty();
                acked = alt;
                inFlightFound++;
            } else {
                assertThat(difference(stored, acked)).as(where + ": every acknowledged append is present, nothing else; "
                        + "last lines " + lastLines).isEmpty();
            }
            // every entry applied exactly once: committed holds exactly 1..applied, unstable the rest
            Databases dbs = s.databases();
            long applied = s.appliedIndex();
            assertThat(dbs.committed().count()).as(where + ": committed count").isEqualTo(applied);
            assertThat(Databases.lastKey(dbs.committed())).isEqualTo(applied);
            assertThat(dbs.unstable().count()).as(where + ": unstable count").isEqualTo(s.lastIndex() - applied);
            if (s.lastIndex() > applied) {
                assertThat(Databases.firstKey(dbs.unstable())).isEqualTo(applied + 1);
            }
            ReferenceStateMachine ref = new ReferenceStateMachine();
            for (LogEntry e : s.entries(1, applied + 1, Long.MAX_VALUE)) {
                ref.apply(e);
            }
            assertThat(ReferenceStateMachine.render(s)).as(where + ": data = replay of the applied log")
                    .isEqualTo(ref.render());
            ackedApplied = applied;
            ackedHard = hs;
        }
    }
}
