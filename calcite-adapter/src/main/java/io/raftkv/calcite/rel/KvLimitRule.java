package io.raftkv.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;

/**
 * Pushes a LIMIT/OFFSET that Calcite already placed directly over a scan (e.g. after splitting
 * ORDER BY ... LIMIT into a limit over a sort that the scan's order made redundant) into the
 * scan, so it reads at most offset + fetch keys in its direction.
 */
final class KvLimitRule extends RelRule<KvRuleConfig> {

    static final KvLimitRule INSTANCE = (KvLimitRule) new KvRuleConfig("KvLimitRule",
            b0 -> b0.operand(EnumerableLimit.class).predicate(l -> l.fetch != null)
                    .oneInput(b1 -> b1.operand(KvTableScan.class).predicate(s -> s.fetch == null).noInputs()),
            KvLimitRule::new).toRule();

    private KvLimitRule(KvRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        EnumerableLimit limit = call.rel(0);
        KvTableScan scan = call.rel(1);
        Operand offset = KvSortRule.operand(limit.offset);
        Operand fetch = KvSortRule.operand(limit.fetch);
        if (fetch == null || (limit.offset != null && offset == null)) {
            return;
        }
        KvTableScan limited = scan.withOrder(scan.reverse, offset, fetch);
        call.transformTo(new EnumerableLimit(limit.getCluster(), limit.getTraitSet(), limited, limit.offset,
                limit.fetch));
    }
}
