package io.raftkv.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void class_directories_are_copied_under_the_snapshot_and_repository_jars_stay_in_place() throws Exception {
        List<String> original = List.of(System.getProperty("java.class.path").split(File.pathSeparator));

        List<String> snapshot = List.of(ClasspathSnapshot.take(dir).split(File.pathSeparator));

        assertThat(snapshot).hasSameSizeAs(original.stream().filter(e -> !e.isEmpty()).toList());
        Path ownClasses = Path.of(NodeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String copied = snapshot.get(original.indexOf(ownClasses.toString()));
        assertThat(Path.of(copied)).startsWith(dir);
        if (Files.isDirectory(ownClasses)) {
            assertThat(Path.of(copied, "io", "raftkv", "testkit", "NodeCommand.class")).isRegularFile();
        }
        for (int i = 0; i < snapshot.size(); i++) {
            if (!original.get(i).contains(File.separator + "target" + File.separator)
                    && !Files.isDirectory(Path.of(original.get(i)))) {
                assertThat(snapshot.get(i)).isEqualTo(original.get(i));
            }
        }
    }
}
