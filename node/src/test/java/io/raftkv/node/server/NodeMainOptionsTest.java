package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command-line checks of the node's options, before anything is opened. */
class NodeMainOptionsTest {

    @TempDir
    Path dir;

    @Test
    void when_only_some_tls_options_are_given_then_the_node_refuses_to_start_and_names_all_three() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err));
        int code = cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--tls-cert", dir.resolve("n1.pem").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-cert", "--tls-key", "--tls-ca");
        assertThat(dir.resolve("n1")).doesNotExist();
    }

    @Test
    void when_metrics_port_is_out_of_range_then_the_config_names_it() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler((e, c, parsed) -> {
                    c.getErr().println(e.getMessage());
                    return 1;
                });
        int code = cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--metrics-port", "70000");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("metricsPort", "70000");
        assertThat(dir.resolve("n1")).doesNotExist();
    }

    @Test
    void when_a_new_cluster_has_authentication_on_and_no_bootstrap_user_then_the_node_refuses_to_start() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err));
        int code = cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-user", "--bootstrap-password-file", "--auth off");
        assertThat(dir.resolve("n1")).doesNotExist();
    }

    @Test
    void when_auth_is_neither_on_nor_off_or_the_bootstrap_pair_is_incomplete_then_the_usage_error_names_it() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err));
        assertThat(cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--auth", "maybe")).isEqualTo(2);
        assertThat(cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--bootstrap-user", "admin")).isEqualTo(2);
        assertThat(err.toString()).contains("--auth must be on or off, was maybe")
                .contains("--bootstrap-user and --bootstrap-password-file go together");
        assertThat(dir.resolve("n1")).doesNotExist();
    }

    @Test
    void when_max_connections_is_below_one_then_the_node_refuses_to_start_and_names_the_option() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err));
        assertThat(cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--auth", "off", "--max-connections", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-connections must be at least 1, was 0");
        assertThat(dir.resolve("n1")).doesNotExist();
    }
}
