package io.raftkv.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterBenchOptionsTest {

    @Test
    void defaults_compare_put_and_get_at_1_and_64_clients_with_16_byte_keys_and_256_byte_values() {
        ClusterBench bench = new ClusterBench();
        ClusterBench.commandLine(bench).parseArgs();
        assertThat(bench.targets).containsExactly("raftkv", "etcd");
        assertThat(bench.workloads).containsExactly("put", "get");
        assertThat(bench.clients).containsExactly(1, 64);
        assertThat(bench.keySize).isEqualTo(16);
        assertThat(bench.valueSize).isEqualTo(256);
        assertThat(bench.keys).isEqualTo(10_000);
        assertThat(bench.scanLength).isEqualTo(100);
        assertThat(bench.rate).isZero();
        assertThat(bench.nodeJvm).contains("-Xmx1g");
    }

    @Test
    void lists_and_sizes_are_taken_from_the_command_line() {
        ClusterBench bench = new ClusterBench();
        ClusterBench.commandLine(bench, "--targets", "jdbc,etcd", "--workloads", "mix,scan", "--clients", "1,16,256",
                "--seconds", "20", "--warmup", "5", "--rate", "5000", "--key-size", "32", "--value-size", "1024")
                .parseArgs("--targets", "jdbc,etcd", "--workloads", "mix,scan", "--clients", "1,16,256", "--seconds", "20",
                        "--warmup", "5", "--rate", "5000", "--key-size", "32", "--value-size", "1024");
        assertThat(bench.targets).containsExactly("jdbc", "etcd");
        assertThat(bench.workloads).containsExactly("mix", "scan");
        assertThat(bench.clients).containsExactly(1, 16, 256);
        assertThat(bench.seconds).isEqualTo(20.0);
        assertThat(bench.warmup).isEqualTo(5.0);
        assertThat(bench.rate).isEqualTo(5000.0);
        assertThat(bench.keySize).isEqualTo(32);
        assertThat(bench.valueSize).isEqualTo(1024);
    }

    @Test
    void when_a_target_client_count_or_workload_is_unknown_then_it_exits_2_before_starting_anything() {
        for (List<String> args : List.of(List.of("--targets", "redis"), List.of("--clients", "0,64"),
                List.of("--clients", "512"), List.of("--workloads", "delete"))) {
            StringWriter err = new StringWriter();
            CommandLine cl = ClusterBench.commandLine(new ClusterBench(), args.toArray(String[]::new));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(err.toString()).as(args.toString()).isNotBlank();
        }
    }

    @Test
    void the_recorded_command_leaves_out_paths_of_this_machine_only() {
        assertThat(ClusterBench.portableArgs(new String[] {"--targets", "raftkv", "--etcd-classpath", "/a:/b",
            "--out=/tmp/x", "--home", "/src", "--seconds", "15", "--data-dir", "/d", "--doc", "docs/benchmarks.md"}))
                .containsExactly("--targets", "raftkv", "--seconds", "15", "--doc", "docs/benchmarks.md");
    }
}
