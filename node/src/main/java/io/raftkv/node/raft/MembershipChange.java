package io.raftkv.node.raft;

import java.util.Objects;

/**
 * One single-server membership change (thesis §4.1). A new server joins as a learner, catches
 * up, then is promoted, so it never slows commits while empty (thesis §4.2.1).
 */
public sealed interface MembershipChange {

    /** The node this change is about. */
    String nodeId();

    /** Adds a non-voting member. */
    record AddLearner(String nodeId) implements MembershipChange {
        public AddLearner {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** Makes a learner a voter. */
    record PromoteLearner(String nodeId) implements MembershipChange {
        public PromoteLearner {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** Removes a voter or learner; removing the leader makes it step down once committed. */
    record RemoveMember(String nodeId) implements MembershipChange {
        public RemoveMember {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }
}
