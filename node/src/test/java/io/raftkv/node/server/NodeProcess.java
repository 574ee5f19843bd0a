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
     * The test classpath with every class directory copied once per test JVM (to
     * target/it-classpath): node processes load classes lazily, and a concurrent rebuild of
     * target/classes must not pull a class out from under a running node.
     */
    static synchronized String classpath() throws IOException {
        if (classpath != null) {
            return classpath;
        }
        Path root = Path.of("target", "it-classpath", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(element);
            if (!Files.isDirectory(p)) {
                out.add(element);
                continue;
            }
            Path copy = root.resolve(String.valueOf(i++));
            try (var files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(p.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            out.add(copy.toString());
        }
        classpath = String.join(java.io.File.pathSeparator, out);
        return classpath;
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
