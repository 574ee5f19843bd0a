package io.raftkv.node.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a password from a file (its first line, UTF-8, without the line end) or, for the path
 * {@code -}, from standard input: passwords never go on a command line, where other users of the
 * host can read them.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * The password in {@code file}.
     *
     * @param option the option that named the file, for the message
     * @throws IOException naming the option and file if it cannot be read or its first line is empty
     */
    static byte[] read(Path file, String option) throws IOException {
        byte[] all;
        try {
            all = file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(option + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        int end = 0;
        while (end < all.length && all[end] != '\n' && all[end] != '\r') {
            end++;
        }
        byte[] password = Arrays.copyOf(all, end);
        Arrays.fill(all, (byte) 0);
        if (password.length == 0) {
            throw new IOException(option + " " + file + ": the first line (the password) is empty");
        }
        return password;
    }
}
