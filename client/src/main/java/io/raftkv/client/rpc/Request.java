package io.raftkv.client.rpc;

import io.raftkv.client.command.Command;
import io.raftkv.client.protocol.Handshake;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a client asks a node, carried in a {@link ClientRequest} and encoded by
 * {@link RequestCodec}. Keys are compared as unsigned bytes. Byte arrays are not copied: whoever
 * hands a request over must not modify them afterwards.
 *
 * <p>Size limits (maxKeyBytes, maxValueBytes) are policy checked by the node, which answers
 * {@link ErrorCode#LIMIT_EXCEEDED}; the records only check what makes a request meaningless.
 */
public sealed interface Request
        permits Request.Get, Request.Scan, Request.Write, Request.Status, Request.AddLearner,
                Request.PromoteLearner, Request.RemoveMember, Request.TransferLeadership,
                Request.TriggerSnapshot, Request.SetUser, Request.RemoveUser, Request.ListUsers {

    /** Largest {@link Scan#limit()} a request may ask for; a node may return fewer per page. */
    int MAX_SCAN_LIMIT = 1_000_000;

    /** True for requests that change nothing, so retrying them is always safe. */
    default boolean isRead() {
        return this instanceof Get || this instanceof Scan || this instanceof Status || this instanceof ListUsers;
    }

    /**
     * The value of one key. Answered by {@link Response.GetResult}.
     *
     * @param key         the key, not copied
     * @param consistency how fresh the answer must be
     */
    record Get(byte[] key, ReadConsistency consistency) implements Request {
        public Get {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(consistency, "consistency");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Get g && Arrays.equals(key, g.key) && consistency == g.consistency;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + consistency.hashCode();
        }

        @Override
        public String toString() {
            return "Get[key=" + key.length + " bytes, " + consistency + "]";
        }
    }

    /**
     * The keys in {@code [from, to)} that start with {@code prefix}, in ascending key order
     * (descending when {@code reverse}), at most {@code limit} of them. Answered by
     * {@link Response.ScanResult}; when it carries a resume key, send the same scan again with
     * that {@code resumeKey} for the next page.
     *
     * @param from        inclusive lower bound; empty = from the first key
     * @param to          exclusive upper bound; null = no upper bound
     * @param prefix      only keys starting with these bytes; empty = no prefix filter
     * @param limit       most entries wanted in this page, 1..{@link #MAX_SCAN_LIMIT}; the node may
     *                    return fewer (a page also fits one frame) and then gives a resume key
     * @param reverse     true to go from the highest key down
     * @param resumeKey   null for the first page; else the resume key of the previous page, where
     *                    this page starts (inclusive), in the scan's direction
     * @param consistency how fresh the answer must be
     */
    record Scan(byte[] from, byte[] to, byte[] prefix, int limit, boolean reverse, byte[] resumeKey,
            ReadConsistency consistency) implements Request {
        public Scan {
            Objects.requireNonNull(from, "from (use an empty array for the first key)");
            Objects.requireNonNull(prefix, "prefix (use an empty array for no prefix)");
            Objects.requireNonNull(consistency, "consistency");
            if (limit < 1 || limit > MAX_SCAN_LIMIT) {
                throw new IllegalArgumentException("scan limit must be in 1.." + MAX_SCAN_LIMIT + ", was " + limit);
            }
        }

        /** Every key starting with {@code prefix}, ascending, first page. */
        public static Scan prefix(byte[] prefix, int limit, ReadConsistency consistency) {
            return new Scan(new byte[0], null, prefix, limit, false, null, consistency);
        }

        /** Keys in {@code [from, to)} ({@code to} null = unbounded), ascending, first page. */
        public static Scan range(byte[] from, byte[] to, int limit, ReadConsistency consistency) {
            return new Scan(from, to, new byte[0], limit, false, null, consistency);
        }

        /** The same scan, continuing at {@code key} (a page's resume key). */
        public Scan resumeAt(byte[] key) {
            return new Scan(from, to, prefix, limit, reverse, Objects.requireNonNull(key, "key"), consistency);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scan s && Arrays.equals(from, s.from) && Arrays.equals(to, s.to)
                    && Arrays.equals(prefix, s.prefix) && limit == s.limit && reverse == s.reverse
                    && Arrays.equals(resumeKey, s.resumeKey) && consistency == s.consistency;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(from), Arrays.hashCode(to), Arrays.hashCode(prefix), limit,
                    reverse, Arrays.hashCode(resumeKey), consistency);
        }

        @Override
        public String toString() {
            return "Scan[from=" + from.length + " bytes, to=" + (to == null ? "none" : to.length + " bytes")
                    + ", prefix=" + prefix.length + " bytes, limit=" + limit + ", reverse=" + reverse
                    + ", resume=" + (resumeKey == null ? "no" : resumeKey.length + " bytes") + ", " + consistency + "]";
        }
    }

    /**
     * Proposes a command (Put, Delete, conditional ops, Batch) and answers once it is applied,
     * with {@link Response.WriteResult}. A command with a session is applied at most once per
     * (clientId, sequence) however often it is sent (thesis §6.3).
     *
     * @param command the command, with its session
     */
    record Write(Command command) implements Request {
        public Write {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * The answering node's view of the cluster; any node answers with {@link Response.StatusResult}.
     *
     * @param withDigest also compute a digest of the node's data at its applied index: a full scan
     *     on the apply thread, which stalls writes for as long as it takes (seconds per million
     *     keys), so only tools that compare replicas ask for it
     */
    record Status(boolean withDigest) implements Request {

        /** Without the digest. */
        public Status() {
            this(false);
        }
    }

    /**
     * Adds a non-voting member that starts receiving the log (thesis §4.2.1). Leader only;
     * answered by {@link Response.AdminResult} once the configuration entry commits.
     *
     * @param nodeId  the new member's id, 1..255 UTF-8 bytes
     * @param address where it listens, "host:port", 1..255 UTF-8 bytes
     */
    record AddLearner(String nodeId, String address) implements Request {
        public AddLearner {
            checkId("nodeId", nodeId);
            checkId("address", address);
        }
    }

    /**
     * Makes a learner a voter (one server at a time, thesis §4.1). Leader only.
     *
     * @param nodeId a current learner's id
     */
    record PromoteLearner(String nodeId) implements Request {
        public PromoteLearner {
            checkId("nodeId", nodeId);
        }
    }

    /**
     * Removes a voter or learner (thesis §4.1). Leader only; removing the leader itself makes it
     * step down once the change commits.
     *
     * @param nodeId a current member's id
     */
    record RemoveMember(String nodeId) implements Request {
        public RemoveMember {
            checkId("nodeId", nodeId);
        }
    }

    /**
     * Hands leadership to another voter (thesis §3.10). Leader only; answered once the target
     * has become leader, or with TIMEOUT.
     *
     * @param targetId the voter to become leader; empty = the leader picks the most up-to-date voter
     */
    record TransferLeadership(String targetId) implements Request {
        public TransferLeadership {
            Objects.requireNonNull(targetId, "targetId (empty = any)");
            if (!targetId.isEmpty()) {
                checkId("targetId", targetId);
            }
        }
    }

    /** Asks the answering node to snapshot its state and compact its log now. */
    record TriggerSnapshot() implements Request {
    }

    /**
     * Creates a user or sets its password (docs/security.md): the answering node hashes the
     * password (PBKDF2, its configured iterations) off its event loop and proposes the record;
     * answered by {@link Response.AdminResult} once applied. Leader only. The password travels in
     * clear unless the connection uses TLS; {@link #toString()} never shows it.
     *
     * @param user     1..255 UTF-8 bytes, no control characters (checked by the node)
     * @param password 1..1024 bytes (UTF-8 text), not copied
     */
    record SetUser(String user, byte[] password) implements Request {
        public SetUser {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("user must not be empty");
            }
            if (password.length == 0) {
                throw new IllegalArgumentException("password must not be empty");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetUser u && user.equals(u.user) && Arrays.equals(password, u.password);
        }

        @Override
        public int hashCode() {
            return user.hashCode();
        }

        @Override
        public String toString() {
            return "SetUser[user=" + user + ", password=***]";
        }
    }

    /**
     * Removes a user; the last user cannot be removed while the node authenticates clients.
     * Leader only; answered by {@link Response.AdminResult} once applied.
     *
     * @param user an existing user's name
     */
    record RemoveUser(String user) implements Request {
        public RemoveUser {
            Objects.requireNonNull(user, "user");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("user must not be empty");
            }
        }
    }

    /**
     * The users the answering node has applied, answered by {@link Response.ScanResult}: one
     * entry per user, key = the name in UTF-8, empty value, modIndex = the index of the entry
     * that last set its password. Never shows hashes.
     */
    record ListUsers() implements Request {
    }

    private static void checkId(String field, String id) {
        Objects.requireNonNull(id, field);
        int length = id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length == 0 || length > Handshake.MAX_ID_BYTES) {
            throw new IllegalArgumentException(field + " must be 1.." + Handshake.MAX_ID_BYTES
                    + " UTF-8 bytes, was " + length);
        }
    }
}
