package io.raftkv.node.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One real node process ({@code java ... NodeMain}), its output captured in a log file. */
final class NodeProcess {

    private final String id;
    private final Path log;
    private final Process process;

    private NodeProcess(String id, Path log, Process process) {
        this.id = id;
        this.log = log;
        this.process = process;
    }

    private static String classpath;

    /**
     * The test classpath with every class directory copied once per test JVM (to a temporary
     * directory, removed when the JVM exits): node processes load classes lazily, and a concurrent
     * rebuild of target/classes must not pull a class out from under a running node.
     */
    static synchronized String classpath() throws IOException {
        if (classpath != null) {
            return classpath;
        }
        // Outside target/: another build's "mvn clean" must not delete it under running nodes either.
        Path root = Files.createTempDirectory("raftkv-it-classpath-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(element);
            if (!Files.isDirectory(p)) {
                out.add(element);
                continue;
            }
            Path copy = root.resolve(String.valueOf(i++));
            // Another build may be rewriting the directory: copy until a listing before and after agree.
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    java.util.Map<String, Long> before = listing(p);
                    copyTree(p, copy);
                    if (!before.isEmpty() && before.equals(listing(p))) {
                        break;
                    }
                } catch (IOException | java.io.UncheckedIOException vanishedMidCopy) {
                    // retried below
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while copying " + p, e);
                }
            }
            out.add(copy.toString());
        }
        classpath = String.join(java.io.File.pathSeparator, out);
        return classpath;
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private static java.util.Map<String, Long> listing(Path dir) throws IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    out.put(dir.relativize(f).toString(), Files.size(f));
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static NodeProcess start(String id, Path log, List<String> nodeArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx160m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(NodeMain.class.getName());
        cmd.addAll(nodeArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new NodeProcess(id, log, pb.start());
    }

    String id() {
        return id;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the clean stop; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(id + " did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
