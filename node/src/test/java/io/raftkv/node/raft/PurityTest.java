package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The core is a deterministic step function: no network, storage, threads, clocks or unseeded
 * randomness. Scans the package's sources for anything that would break that.
 */
class PurityTest {

    private static final List<String> FORBIDDEN = List.of("io.netty", "com.sleepycat",
            "java.util.concurrent", "Thread", "java.time", "currentTimeMillis", "nanoTime",
            "Math.random", "java.util.Random", "ThreadLocalRandom", "synchronized", "java.net",
            "java.nio.file", "System.getenv", "System.getProperty");

    static List<String> offences(String fileName, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                continue; // documentation may name what the code must not use
            }
            for (String f : FORBIDDEN) {
                if (line.contains(f)) {
                    out.add(fileName + ":" + (i + 1) + " uses " + f + ": " + line);
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("the raft package imports nothing of Netty, JE, concurrency, threads or clocks")
    void coreIsPure() throws IOException {
        Path dir = Path.of("src/main/java/io/raftkv/node/raft");
        assertThat(dir).isDirectory();
        List<String> all = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                files++;
                all.addAll(offences(p.getFileName().toString(), Files.readString(p)));
            }
        }
        assertThat(files).isGreaterThan(20);
        assertThat(all).isEmpty();
    }

    @Test
    @DisplayName("the purity scan flags a forbidden import and a clock call")
    void scannerCatchesOffences() {
        String bad = "import io.netty.channel.Channel;\nclass X { long t = System.nanoTime(); }\n";
        assertThat(offences("X.java", bad)).hasSize(2);
        assertThat(offences("Y.java", "/** never java.time */\nclass Y {}\n")).isEmpty();
    }
}
