package io.raftkv.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line of one node process: {@code java <jvm options> -cp <classpath>
 * io.raftkv.node.server.NodeMain <node arguments>}. The node is named by class name, so this
 * module needs no dependency on the node; the caller passes a classpath that holds it.
 *
 * <p>Node arguments come out in the order the builder methods were called, so a caller can keep
 * the exact command line it had. Not thread-safe; build on one thread, then use the value.
 *
 * @param command every word, the java executable first
 */
public record NodeCommand(List<String> command) {

    /** The node's entry point, started by name. */
    public static final String MAIN_CLASS = "io.raftkv.node.server.NodeMain";

    /** Copies the words; the list must name a program. */
    public NodeCommand {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a node command needs at least the java executable");
        }
    }

    /**
     * A builder for a node on {@code classpath}, run by the java executable of this JVM.
     *
     * @param classpath the node JVM's {@code -cp}, e.g. {@link ClasspathSnapshot#ofThisJvm()}
     */
    public static Builder builder(String classpath) {
        return new Builder(classpath);
    }

    /** The java executable of the running JVM ({@code java.home/bin/java}). */
    public static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The {@code --cluster} value for members on 127.0.0.1: {@code n1=127.0.0.1:p1,n2=127.0.0.1:p2},
     * in the map's iteration order.
     *
     * @param ports member id to its port (1..65535)
     */
    public static String loopbackMembers(Map<String, Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append("=127.0.0.1:").append(e.getValue());
        }
        return sb.toString();
    }

    /** Collects JVM options and node arguments; {@link #build()} makes the command. */
    public static final class Builder {

        private final String classpath;
        private String java = thisJava();
        /** JVM options, in order, before {@code -cp}. */
        private final List<String> jvm = new ArrayList<>();
        /** NodeMain's arguments, in the order given. */
        private final List<String> args = new ArrayList<>();

        private Builder(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
        }

        /** Another java executable than this JVM's. */
        public Builder java(String executable) {
            this.java = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /** JVM options, e.g. {@code -Xmx160m} or {@code @bin/node-jvm.options}; appended in order. */
        public Builder jvmOptions(List<String> options) {
            jvm.addAll(options);
            return this;
        }

        /** {@code --id}. */
        public Builder id(String id) {
            return args("--id", id);
        }

        /** {@code --data-dir}. */
        public Builder dataDir(Path dir) {
            return args("--data-dir", dir.toString());
        }

        /** {@code --cluster}, e.g. from {@link #loopbackMembers}. */
        public Builder cluster(String members) {
            return args("--cluster", members);
        }

        /** {@code --cluster-id}. */
        public Builder clusterId(String clusterId) {
            return args("--cluster-id", clusterId);
        }

        /** {@code --join}: a fresh node that waits to be added. */
        public Builder join() {
            return args("--join");
        }

        /** {@code --auth off}: clients need no AUTH step. */
        public Builder authOff() {
            return args("--auth", "off");
        }

        /**
         * {@code --auth on} with a bootstrap user whose password is the first line of
         * {@code passwordFile}, hashed with {@code iterations} PBKDF2 rounds.
         */
        public Builder authOn(String user, Path passwordFile, int iterations) {
            return args("--auth", "on", "--bootstrap-user", user, "--bootstrap-password-file", passwordFile.toString(),
                    "--auth-iterations", Integer.toString(iterations));
        }

        /** {@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}: TLS on the node's port. */
        public Builder tls(Path cert, Path key, Path ca) {
            return args("--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-ca", ca.toString());
        }

        /** Further NodeMain arguments, appended as given. */
        public Builder args(String... more) {
            return args(List.of(more));
        }

        /** Further NodeMain arguments, appended as given. */
        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /** The command: java, JVM options, {@code -cp}, the classpath, {@link #MAIN_CLASS}, node arguments. */
        public NodeCommand build() {
            List<String> out = new ArrayList<>();
            out.add(java);
            out.addAll(jvm);
            out.add("-cp");
            out.add(classpath);
            out.add(MAIN_CLASS);
            out.addAll(args);
            return new NodeCommand(out);
        }
    }
}
