package io.raftkv.calcite.rel;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;

/**
 * {@code DELETE FROM kv WHERE key = ? / IN (...)} with no other predicate: delete the listed keys
 * without reading them first (the state machine reports which existed).
 */
final class KvDeleteKeysRule extends RelRule<KvRuleConfig> {

    static final KvDeleteKeysRule INSTANCE = (KvDeleteKeysRule) new KvRuleConfig("KvDeleteKeysRule",
            b0 -> b0.operand(KvTableModify.class).predicate(m -> m.isDelete() && m.keys == null)
                    .oneInput(b1 -> b1.operand(KvTableScan.class)
                            .predicate(s -> s.isPlain() && s.condition instanceof KeyCondition.Points).noInputs()),
            KvDeleteKeysRule::new).toRule();

    private KvDeleteKeysRule(KvRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        KvTableModify modify = call.rel(0);
        KvTableScan scan = call.rel(1);
        call.transformTo(modify.withKeys((KeyCondition.Points) scan.condition, null));
    }
}
