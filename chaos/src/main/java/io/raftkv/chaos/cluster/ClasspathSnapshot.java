package io.raftkv.chaos.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the build outputs on this JVM's classpath, so node processes started (and
 * restarted) during a long run load the classes the run began with, even if the tree is rebuilt
 * meanwhile (a restarted node that found half a rebuilt {@code target/classes} would die of a
 * NoClassDefFoundError). Jars from the local Maven repository are used in place.
 *
 * <p>Not thread-safe; made once per cluster.
 */
final class ClasspathSnapshot {

    private ClasspathSnapshot() {
    }

    /**
     * Copies every classpath directory and every jar under a {@code target} directory into
     * {@code dir} and returns the classpath to start nodes with.
     *
     * @throws IOException if a copy fails
     */
    static String take(Path dir) throws IOException {
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
                copyTree(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(target.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
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
}
