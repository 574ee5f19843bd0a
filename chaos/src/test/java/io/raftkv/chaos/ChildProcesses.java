package io.raftkv.chaos;

import java.util.concurrent.TimeUnit;

/** Kills whatever this test JVM started and left behind (node JVMs, kill helpers). */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** SIGCONT-free SIGKILL of every descendant, then waits for each to be gone. */
    static void killAll() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(p -> {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("child process " + p.pid() + " survived SIGKILL: " + e, e);
            }
        });
    }
}
