package io.raftkv.node.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * The first user of a cluster with authentication on, given to every node at start
 * ({@code --bootstrap-user NAME --bootstrap-password-file F}). Whichever node leads while no user
 * exists proposes it once; afterwards the option has no effect (a changed password in the file
 * does not overwrite the stored user).
 *
 * @param user     a valid user name ({@link UserKeys#checkName})
 * @param password UTF-8 bytes, 1..1024; copied, never printed
 */
public record BootstrapUser(String user, byte[] password) {

    /** @throws IllegalArgumentException naming the field if a value is out of range */
    public BootstrapUser {
        UserKeys.checkName(user);
        Objects.requireNonNull(password, "password");
        if (password.length == 0 || password.length > 1024) {
            throw new IllegalArgumentException("bootstrap password must be 1..1024 bytes, was " + password.length);
        }
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapUser b && user.equals(b.user) && Arrays.equals(password, b.password);
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }

    /** Shows the user only. */
    @Override
    public String toString() {
        return "BootstrapUser[" + user + "]";
    }
}
