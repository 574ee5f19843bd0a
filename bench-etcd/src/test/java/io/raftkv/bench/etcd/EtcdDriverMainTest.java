package io.raftkv.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EtcdDriverMainTest {

    @Test
    void the_harness_command_line_is_understood_field_by_field() {
        EtcdDriverMain main = new EtcdDriverMain();
        new CommandLine(main).parseArgs("--endpoints", "http://127.0.0.1:1,http://127.0.0.1:2", "--workloads", "scan,put",
                "--clients", "1,64", "--jit-warmup", "20", "--connections", "2", "--seconds", "10.000", "--warmup", "3.000", "--rate", "0.0",
                "--key-size", "16", "--value-size", "256", "--keys", "10000", "--scan-length", "100", "--preload");
        assertThat(main.endpoints).containsExactly("http://127.0.0.1:1", "http://127.0.0.1:2");
        assertThat(main.workloads).containsExactly("scan", "put");
        assertThat(main.clients).containsExactly(1, 64);
        assertThat(main.jitWarmup).isEqualTo(20.0);
        assertThat(main.connections).isEqualTo(2);
        assertThat(main.seconds).isEqualTo(10.0);
        assertThat(main.keys).isEqualTo(10_000);
        assertThat(main.preload).isTrue();
    }

    @Test
    void when_the_endpoints_are_missing_then_it_exits_2_naming_the_option() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EtcdDriverMain());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--workloads", "put")).isEqualTo(2);
        assertThat(err.toString()).contains("--endpoints");
    }
}
