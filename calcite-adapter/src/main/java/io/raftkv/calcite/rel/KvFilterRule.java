package io.raftkv.calcite.rel;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;

/**
 * Pushes key predicates of a filter into the scan below it ({@code key = }, IN, ranges, prefix
 * LIKE); what the scan cannot express stays in a filter above it.
 */
final class KvFilterRule extends RelRule<KvRuleConfig> {

    static final KvFilterRule INSTANCE = (KvFilterRule) new KvRuleConfig("KvFilterRule",
            b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(KvTableScan.class)
                    .predicate(s -> s.isPlain() && s.condition instanceof KeyCondition.Full).noInputs()),
            KvFilterRule::new).toRule();

    private KvFilterRule(KvRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        KvTableScan scan = call.rel(1);
        KeyConditionExtractor.Extraction ex =
                KeyConditionExtractor.extract(filter.getCondition(), filter.getCluster().getRexBuilder());
        if (ex.condition() instanceof KeyCondition.Full) {
            return;
        }
        RelNode narrowed = scan.withCondition(ex.condition());
        call.transformTo(ex.residual() == null ? narrowed
                : filter.copy(filter.getTraitSet(), narrowed, ex.residual()));
    }
}
