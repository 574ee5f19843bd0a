package io.raftkv.node.server;

import io.raftkv.client.api.RaftKvClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code raftkv admin user add|remove|list}: the cluster's users (docs/operations.md). The
 * admin logs in with {@code --user}/{@code --password-file}; every authenticated user may
 * administer users (there are no roles yet, docs/security.md).
 */
@Command(name = "user", description = "Adds, removes or lists the users clients log in as.",
        subcommands = {UserAdmin.Add.class, UserAdmin.Remove.class, UserAdmin.ListUsers.class})
final class UserAdmin implements Runnable {

    @ParentCommand
    AdminMain admin;
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Base of the user subcommands: opens the client, runs, maps failures to exit code 1. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        UserAdmin parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return AdminMain.runWithClient(parent.admin, spec, this::run);
        }

        abstract void run(RaftKvClient client, PrintWriter out) throws Exception;
    }

    @Command(name = "add", description = "Creates a user, or sets the password of an existing one.")
    static final class Add extends Sub {
        @Parameters(index = "0", description = "the user's name")
        String name;
        @Option(names = "--new-password-file", required = true,
                description = "file holding the user's password (first line); - reads standard input")
        Path newPasswordFile;

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            byte[] password;
            try {
                password = PasswordFile.read(newPasswordFile, "--new-password-file");
            } catch (java.io.IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            out.println(client.setUser(name, password).detail());
            out.flush();
        }
    }

    @Command(name = "remove", description = "Removes a user (not the last one while authentication is on).")
    static final class Remove extends Sub {
        @Parameters(index = "0", description = "the user's name")
        String name;

        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            out.println(client.removeUser(name).detail());
            out.flush();
        }
    }

    @Command(name = "list", description = "The users' names, one a line.")
    static final class ListUsers extends Sub {
        @Override
        void run(RaftKvClient client, PrintWriter out) throws Exception {
            client.listUsers().forEach(out::println);
            out.flush();
        }
    }
}
