package io.raftkv.node.server;

import io.raftkv.node.storage.KeyValue;
import io.raftkv.node.storage.ScanPage;
import io.raftkv.node.storage.ScanRequest;
import io.raftkv.node.storage.StateStore;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 over every key, value and modification index of {@code data}, in key order: equal on
 * two replicas exactly when (up to collisions) they applied the same entries. Call it on the
 * apply thread so it describes one applied index. Blocks on a full scan.
 */
final class DataDigest {

    private DataDigest() {
    }

    static byte[] of(StateStore state) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer lengths = ByteBuffer.allocate(20);
        ScanRequest page = ScanRequest.all();
        while (true) {
            ScanPage p = state.scan(page);
            for (KeyValue kv : p.items()) {
                lengths.clear();
                lengths.putInt(kv.key().length).putInt(kv.value().length).putLong(kv.modIndex());
                sha.update(lengths.array(), 0, 16);
                sha.update(kv.key());
                sha.update(kv.value());
            }
            if (!p.hasMore()) {
                return sha.digest();
            }
            page = page.resumeAfter(p.resumeAfter());
        }
    }
}
