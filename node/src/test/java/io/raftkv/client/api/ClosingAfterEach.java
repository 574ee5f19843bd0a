package io.raftkv.client.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Test base: what a test registers with {@link #closing} is closed after it, last registered first. */
abstract class ClosingAfterEach {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
    }

    /** Registers {@code resource} to be closed after the test; returns it. */
    <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
