package io.raftkv.node.server;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.ClientTls;
import io.raftkv.client.api.Credentials;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.MemberInfo;
import io.raftkv.client.rpc.Response;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftkv admin}: cluster administration through the Java client, against any member.
 *
 * <pre>
 * raftkv admin --nodes 127.0.0.1:7001 status
 * raftkv admin --nodes 127.0.0.1:7001 members
 * raftkv admin --nodes 127.0.0.1:7001 add-member n4 127.0.0.1:7004      (as a learner)
 * raftkv admin --nodes 127.0.0.1:7001 promote n4
 * raftkv admin --nodes 127.0.0.1:7001 remove-member n2
 * raftkv admin --nodes 127.0.0.1:7001 transfer-leader [n3]
 * raftkv admin --nodes 127.0.0.1:7001 snapshot [--all]
 * raftkv admin --nodes 127.0.0.1:7001 --tls-ca certs/ca.pem [--tls-cert c.pem --tls-key c.key] status
 * raftkv admin --nodes 127.0.0.1:7001 --user admin --password-file admin.pw user add ann --new-password-file ann.pw
 * raftkv admin --nodes 127.0.0.1:7001 --user admin --password-file admin.pw user remove ann
 * raftkv admin --nodes 127.0.0.1:7001 --user admin --password-file admin.pw user list
 * </pre>
 *
 * Passwords are read from files ({@code -} = standard input), never from the command line.
 *
 * Exit codes: 0 done, 1 the cluster refused or failed, 2 bad command line.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administers a raftkv cluster.",
        subcommands = {AdminMain.StatusCommand.class, AdminMain.MembersCommand.class, AdminMain.AddMember.class,
                AdminMain.Promote.class, AdminMain.RemoveMember.class, AdminMain.TransferLeader.class,
                AdminMain.SnapshotCommand.class, UserAdmin.class})
public final class AdminMain implements Runnable {

    static {
        Logging.configure();
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    @Option(names = "--nodes", required = true, split = ",", scope = CommandLine.ScopeType.INHERIT,
            description = "one or more members as host:port; any member is enough")
    List<String> nodes;

    @Option(names = "--cluster-id", scope = CommandLine.ScopeType.INHERIT,
            description = "the cluster's id (default: ${DEFAULT-VALUE})")
    String clusterId = "raftkv";

    @Option(names = "--timeout-ms", scope = CommandLine.ScopeType.INHERIT,
            description = "how long to keep trying (default: ${DEFAULT-VALUE})")
    long timeoutMillis = 15_000;

    @Option(names = "--tls-ca", scope = CommandLine.ScopeType.INHERIT,
            description = "speak TLS, trusting this CA certificate (PEM), as the nodes' --tls-ca")
    Path tlsCa;

    @Option(names = "--tls-cert", scope = CommandLine.ScopeType.INHERIT,
            description = "with --tls-key and --tls-ca: present this client certificate (PEM)")
    Path tlsCert;

    @Option(names = "--tls-key", scope = CommandLine.ScopeType.INHERIT,
            description = "the client certificate's key, unencrypted PKCS#8 PEM")
    Path tlsKey;

    @Option(names = "--user", scope = CommandLine.ScopeType.INHERIT,
            description = "log in as this user (nodes with authentication on, the default)")
    String user;

    @Option(names = "--password-file", scope = CommandLine.ScopeType.INHERIT,
            description = "file holding --user's password (first line); - reads standard input")
    Path passwordFile;

    /**
     * A client over the given nodes, with TLS if {@code --tls-ca} is given and credentials if
     * {@code --user} is.
     *
     * @param cmd the command being run, for the usage message
     * @throws CommandLine.ParameterException (exit 2) if the TLS options are incomplete or a file unreadable
     */
    RaftKvClient client(CommandLine cmd) {
        List<NodeAddress> seeds = new ArrayList<>();
        for (String n : nodes) {
            seeds.add(NodeAddress.parse(n.trim()));
        }
        return RaftKvClient.create(ClientConfig.builder(clusterId, seeds).clientName("raftkv-admin")
                .requestTimeout(Duration.ofMillis(timeoutMillis)).tls(tls(cmd)).credentials(credentials(cmd)).build());
    }

    private Credentials credentials(CommandLine cmd) {
        if ((user == null) != (passwordFile == null)) {
            throw new CommandLine.ParameterException(cmd, "--user and --password-file go together");
        }
        if (user == null) {
            return null;
        }
        try {
            return new Credentials(user, PasswordFile.read(passwordFile, "--password-file"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    private ClientTls tls(CommandLine cmd) {
        if (tlsCa == null && tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCa == null) {
            throw new CommandLine.ParameterException(cmd, "--tls-cert/--tls-key need --tls-ca (the CA to trust)");
        }
        try {
            ClientTls tls = ClientTls.trustingCa(tlsCa);
            return tlsCert == null && tlsKey == null ? tls : new ClientTls(tlsCa, null, null, tlsCert, tlsKey);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    /** Base of the subcommands: opens the client, runs, maps failures to exit code 1. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        AdminMain target;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return runWithClient(target, spec, this::run);
        }

        abstract void run(RaftKvClient client, PrintWriter out) throws Exception;
    }

    /** What a subcommand does with its client. */
    @FunctionalInterface
    interface ClientAction {
        void run(RaftKvClient client, PrintWriter out) throws Exception;
    }

    /**
     * Opens the client {@code admin}'s options describe, runs {@code action} and closes it: exit
     * code 0, or 1 with the failure printed; bad options propagate for picocli to report.
     */
    static int runWithClient(AdminMain admin, CommandLine.Model.CommandSpec spec, ClientAction action)
            throws Exception {
        try (RaftKvClient client = admin.client(spec.commandLine())) {
            action.run(client, spec.commandLine().getOut());
            return 0;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("raftkv admin: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "status", description = "Role, term, commit and applied index and data digest of every member.")
    static final class StatusCommand extends Sub {
        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            Set<String> addresses = new LinkedHashSet<>(target.nodes);
            try {
                for (MemberInfo m : client.status().members()) {
                    if (!m.address().isEmpty()) {
                        addresses.add(m.address());
                    }
                }
            } catch (RuntimeException noLeader) {
                out.println("# no leader answered (" + noLeader.getMessage() + "); showing the given nodes");
            }
            out.println("address              node  role           term     commit    applied  leader  digest");
            for (String a : addresses) {
                try {
                    ClusterStatus s = client.statusWithDigest(NodeAddress.parse(a));
                    out.printf("%-20s %-5s %-14s %-8d %-9d %-8d %-7s %s%n", a, s.nodeId(), s.role(), s.term(),
                            s.commitIndex(), s.appliedIndex(), s.leaderId().isEmpty() ? "-" : s.leaderId(),
                            s.dataDigest().length == 0 ? "- (busy; ask again)"
                                    : HexFormat.of().formatHex(s.dataDigest(), 0, Math.min(8, s.dataDigest().length)));
                } catch (RuntimeException e) {
                    out.printf("%-20s unreachable: %s%n", a, e.getMessage());
                }
            }
            out.flush();
        }
    }

    @Command(name = "members", description = "The voters and learners, as the leader sees them.")
    static final class MembersCommand extends Sub {
        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            ClusterStatus s = client.status();
            for (MemberInfo m : s.members()) {
                out.println(m.nodeId() + " " + m.address() + " " + m.role()
                        + (m.nodeId().equals(s.leaderId()) ? " leader" : ""));
            }
            out.flush();
        }
    }

    @Command(name = "add-member", description = "Adds a node as a learner; start it with 'raftkv node --join' and promote it once caught up.")
    static final class AddMember extends Sub {
        @Parameters(index = "0", description = "the new node's id")
        String id;
        @Parameters(index = "1", description = "where it listens, host:port")
        String address;

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            print(out, client.addLearner(id, NodeAddress.parse(address)));
        }
    }

    @Command(name = "promote", description = "Makes a learner a voter.")
    static final class Promote extends Sub {
        @Parameters(index = "0", description = "the learner's id")
        String id;

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            print(out, client.promoteLearner(id));
        }
    }

    @Command(name = "remove-member", description = "Removes a voter or learner.")
    static final class RemoveMember extends Sub {
        @Parameters(index = "0", description = "the member's id")
        String id;

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            print(out, client.removeMember(id));
        }
    }

    @Command(name = "transfer-leader", description = "Hands leadership to a voter (default: the most caught-up one).")
    static final class TransferLeader extends Sub {
        @Parameters(index = "0", arity = "0..1", description = "the target voter's id")
        String id = "";

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            print(out, client.transferLeadership(id));
        }
    }

    @Command(name = "snapshot", description = "Takes a snapshot and compacts the log on the given nodes.")
    static final class SnapshotCommand extends Sub {
        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            for (String a : target.nodes) {
                Response.AdminResult r = client.triggerSnapshot(NodeAddress.parse(a.trim()));
                out.println(a + ": " + r.detail());
            }
            out.flush();
        }
    }

    private static void print(PrintWriter out, Response.AdminResult r) {
        out.println(r.detail());
        out.flush();
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point; exits with the subcommand's code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AdminMain()).execute(args));
    }
}
