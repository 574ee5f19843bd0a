package io.raftkv.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A private copy of the build outputs on this JVM's classpath, for node processes to start from.
 * A node loads classes lazily, and other builds on the same tree rebuild (or {@code mvn clean})
 * {@code target/} at any time: a node (re)started from the live {@code target/classes} could find
 * half a rebuilt tree and die of a NoClassDefFoundError. Class directories and jars under a
 * {@code target} directory are copied; jars from the local Maven repository are used in place.
 */
public final class ClasspathSnapshot {

    /** How often a directory is copied again when another build changes it during the copy. */
    private static final int COPY_ATTEMPTS = 10;

    /** The snapshot {@link #ofThisJvm()} made; null until then. Guarded by the class. */
    private static String thisJvm;

    private ClasspathSnapshot() {
    }

    /**
     * One snapshot per JVM, made on the first call in a temporary directory outside
     * {@code target/} and deleted when the JVM exits. Thread-safe; the first call blocks for the copy.
     *
     * @return the classpath to start nodes with
     * @throws IOException if a copy fails
     */
    public static synchronized String ofThisJvm() throws IOException {
        if (thisJvm == null) {
            Path root = Files.createTempDirectory("raftkv-node-classpath-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            thisJvm = take(root);
        }
        return thisJvm;
    }

    /**
     * Copies every classpath directory and every jar under a {@code target} directory into
     * {@code dir} (kept by the caller) and returns the classpath to start nodes with. A directory
     * that another build rewrites meanwhile is copied again, until a listing before and after the
     * copy agree (at most 10 times, 2 s apart). Not thread-safe for one {@code dir}.
     *
     * @throws IOException if a copy fails
     */
    public static String take(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path source = Path.of(entry);
            boolean buildOutput = Files.isDirectory(source)
                    || source.toAbsolutePath().toString().contains(File.separator + "target" + File.separator);
            if (!buildOutput || !Files.exists(source)) {
                out.add(entry);
                continue;
            }
            Path target = dir.resolve((n++) + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyStableTree(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(target.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
    }

    private static void copyStableTree(Path from, Path to) throws IOException {
        for (int attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
            try {
                Map<String, Long> before = listing(from);
                copyTree(from, to);
                if (!before.isEmpty() && before.equals(listing(from))) {
                    return;
                }
            } catch (IOException | UncheckedIOException vanishedMidCopy) {
                // another build deleted files under us: copy again below
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while copying " + from, e);
            }
        }
    }

    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    out.put(dir.relativize(f).toString(), Files.size(f));
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
