package io.raftkv.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For SQL tests: a fresh {@link KvDatabase} in a temp dir and one connection to it, per test. */
abstract class OneConnectionTest {

    @TempDir
    Path dir;
    KvDatabase db;
    Connection c;

    @BeforeEach
    void open() throws Exception {
        db = new KvDatabase(dir);
        c = db.connect();
        seed();
    }

    /** What a test class writes before each of its tests; nothing by default. */
    void seed() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        c.close();
        db.close();
    }
}
