package io.raftkv.node.raft;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of the cluster: voters, which elect leaders and form commit quorums, and learners,
 * which receive the log but neither vote nor count (thesis §4.2.1). Changed one server at a time
 * (thesis §4.1), so any two consecutive memberships have overlapping majorities.
 *
 * <p>Invariant: voters and learners are disjoint; both sets are sorted and unmodifiable.
 *
 * @param voters ids of voting members
 * @param learners ids of non-voting members
 */
public record Membership(Set<String> voters, Set<String> learners) {

    private static final int FORMAT_VERSION = 1;

    /** No members: the state of a node started to join an existing cluster. */
    public static final Membership EMPTY = new Membership(Set.of(), Set.of());

    public Membership {
        voters = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        for (String id : learners) {
            if (voters.contains(id)) {
                throw new IllegalArgumentException(id + " cannot be both a voter and a learner");
            }
        }
    }

    /** A membership of the given voters and no learners. */
    public static Membership ofVoters(String... ids) {
        return new Membership(Set.of(ids), Set.of());
    }

    /** True if {@code id} is a voter or a learner. */
    public boolean contains(String id) {
        return voters.contains(id) || learners.contains(id);
    }

    /** Every member, voters first then learners, each group sorted. */
    public Set<String> all() {
        Set<String> all = new TreeSet<>(voters);
        all.addAll(learners);
        return all;
    }

    /** Votes needed for a majority of the voters (§5.2): floor(n/2)+1; 1 for no voters. */
    public int quorum() {
        return voters.size() / 2 + 1;
    }

    /** Returns this membership with {@code change} applied; throws if it does not apply. */
    public Membership apply(MembershipChange change) {
        Set<String> v = new TreeSet<>(voters);
        Set<String> l = new TreeSet<>(learners);
        String id = change.nodeId();
        if (change instanceof MembershipChange.AddLearner) {
            if (contains(id)) {
                throw new MembershipChangeRejectedException(id + " is already a member");
            }
            l.add(id);
        } else if (change instanceof MembershipChange.PromoteLearner) {
            if (!learners.contains(id)) {
                throw new MembershipChangeRejectedException(
                        id + " is not a learner; add it as a learner first, then promote it");
            }
            l.remove(id);
            v.add(id);
        } else if (change instanceof MembershipChange.RemoveMember) {
            if (!contains(id)) {
                throw new MembershipChangeRejectedException(id + " is not a member");
            }
            if (voters.size() == 1 && voters.contains(id)) {
                throw new MembershipChangeRejectedException(
                        "cannot remove " + id + ", the last voter");
            }
            v.remove(id);
            l.remove(id);
        } else {
            throw new IllegalArgumentException("unknown membership change " + change);
        }
        return new Membership(v, l);
    }

    /** The payload of a CONFIG log entry carrying this whole membership. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(voters.size());
            for (String id : voters) {
                out.writeUTF(id);
            }
            out.writeInt(learners.size());
            for (String id : learners) {
                out.writeUTF(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a CONFIG entry's payload.
     *
     * @throws IllegalArgumentException if the bytes are not a membership of a known version
     */
    public static Membership fromBytes(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown membership format version " + version);
            }
            Set<String> v = new TreeSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                v.add(in.readUTF());
            }
            Set<String> l = new TreeSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                l.add(in.readUTF());
            }
            return new Membership(v, l);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt membership payload: " + e.getMessage(), e);
        }
    }
}
