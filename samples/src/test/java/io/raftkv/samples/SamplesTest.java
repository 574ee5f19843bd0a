package io.raftkv.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.jdbc.cluster.NodeProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The samples run against three real node processes, as a new user would run them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesTest {

    private NodeProcesses cluster;
    private String url;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = NodeProcesses.start(3, dir);
        url = cluster.url() + "?timeoutMs=60000";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('warmup', 'x')");
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @DisplayName("QuickStart inserts its batch, reads the range and deposits through a transaction")
    void quick_start_runs() throws Exception {
        QuickStart.main(new String[] {url});
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT key, value FROM kv WHERE key LIKE 'city/%' OR key = 'account/alice'"
                     + " ORDER BY key")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertThat(rows).containsExactly("account/alice=105", "city/1=population 1000", "city/2=population 2000",
                    "city/3=population 3000", "city/4=population 4000", "city/5=population 5000");
        }
    }

    @Test
    @DisplayName("sqlline 1.12 with only the shaded driver jar runs the sample script by URL and exits 0")
    void sqlline_with_the_shaded_jar_runs_the_script() throws Exception {
        Path driverJar = shadedDriverJar();
        String sqllineJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.matches(".*[/\\\\](sqlline|jline|jansi|jna)[^/\\\\]*\\.jar$"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(sqllineJars).contains("sqlline-1.12.0.jar");
        Path script = Path.of("src", "main", "sql", "quickstart.sql").toAbsolutePath();
        Path out = Files.createTempFile("sqlline", ".out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.jline.terminal.dumb=true", "-cp", driverJar + File.pathSeparator + sqllineJars,
                "sqlline.SqlLine", "-d", "io.raftkv.jdbc.RaftKvDriver", "-u", url, "-n", "", "-p", "",
                "--maxWidth=200", "-f", script.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("sqlline finished").isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("fruit/banana").contains("yellow").contains("green").contains("3 rows affected");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM kv WHERE key = 'fruit/cherry'")) {
            assertThat(rs.next()).as("the script deleted fruit/cherry").isFalse();
        }
    }

    private static Path shadedDriverJar() throws IOException {
        try (var files = Files.list(Path.of("..", "driver", "target"))) {
            return files.filter(f -> f.getFileName().toString().matches("raftkv-driver-.*-all\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no shaded driver jar in driver/target: run the build from the project root"))
                    .toAbsolutePath();
        }
    }
}
