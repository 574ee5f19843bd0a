package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Saves {@code jcmd <pid> VM.native_memory summary} of every node to
 * {@code OUT/nmt-<label>-<node>.txt} when the nodes run with
 * {@code -XX:NativeMemoryTracking=summary} (pass it with {@code --node-jvm}); nothing otherwise.
 */
final class NativeMemoryReport {

    private NativeMemoryReport() {
    }

    /**
     * Blocking: one jcmd process per node, up to 60 s each.
     *
     * @throws BenchmarkException if jcmd cannot run, fails, or does not answer in time
     */
    static void capture(MemoryBench options, List<MemorySampler.Node> nodes, String label) throws InterruptedException {
        if (options.extraJvm.stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (MemorySampler.Node n : nodes) {
            Path file = options.out.resolve("nmt-" + label + "-" + n.process().id() + ".txt");
            try {
                Process p = new ProcessBuilder(jcmd, Long.toString(n.process().pid()), "VM.native_memory", "summary")
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new BenchmarkException("jcmd on node " + n.process().id() + " did not answer in 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new BenchmarkException("jcmd on node " + n.process().id() + " failed (exit " + p.exitValue()
                            + "), see " + file);
                }
            } catch (IOException e) {
                throw new BenchmarkException("cannot run " + jcmd + ": " + e.getMessage(), e);
            }
        }
    }
}
