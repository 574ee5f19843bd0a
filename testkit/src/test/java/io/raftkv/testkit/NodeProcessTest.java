package io.raftkv.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes ({@code sh}), since the kit only starts, signals and stops them. */
class NodeProcessTest {

    @TempDir
    Path dir;

    private NodeProcess startShell(String script, Map<String, String> env) throws Exception {
        return NodeProcess.start("n1", new NodeCommand(List.of("sh", "-c", script)), dir.resolve("n1.log"), env);
    }

    private static void awaitUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static char state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void output_and_environment_reach_the_log() throws Exception {
        NodeProcess p = startShell("echo started $KIT_VALUE; echo oops >&2", Map.of("KIT_VALUE", "42"));
        awaitUntil("exit", () -> !p.isAlive());

        assertThat(p.stop(Duration.ofSeconds(10))).hasValue(0);
        assertThat(p.logText()).contains("started 42").contains("oops");
        assertThat(p.logTail(1)).isEqualTo("oops");
    }

    @Test
    void sigterm_stop_returns_the_exit_code_of_a_clean_stop() throws Exception {
        NodeProcess p = startShell("trap 'exit 7' TERM; echo ready; while true; do sleep 0.05; done", Map.of());
        awaitUntil("ready line", () -> p.logText().contains("ready"));

        assertThat(p.stop(Duration.ofSeconds(10))).hasValue(7);
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void a_process_ignoring_sigterm_is_killed_after_the_grace_period() throws Exception {
        NodeProcess p = startShell("trap '' TERM; echo ready; while true; do sleep 0.05; done", Map.of());
        awaitUntil("ready line", () -> p.logText().contains("ready"));

        assertThat(p.stop(Duration.ofMillis(300))).isEmpty();
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void pause_freezes_resume_thaws_and_kill_ends_even_a_paused_process() throws Exception {
        NodeProcess p = startShell("exec sleep 60", Map.of());

        p.pause();
        awaitUntil("stopped state", () -> state(p.pid()) == 'T');
        p.resume();
        awaitUntil("running again", () -> state(p.pid()) != 'T');
        p.pause();
        p.kill(Duration.ofSeconds(20));

        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitValue()).isEqualTo(137);
    }
}
