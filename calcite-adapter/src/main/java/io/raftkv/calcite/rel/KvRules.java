package io.raftkv.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** Every planner rule of the raftkv adapter, one per pushdown. */
public final class KvRules {

    /** Rules that push predicates, order and limits into {@link KvTableScan}. */
    public static final List<RelOptRule> SCAN_RULES = List.of(KvFilterRule.INSTANCE, KvSortRule.INSTANCE,
            KvSortFilterRule.INSTANCE, KvLimitRule.INSTANCE);

    /** Rules that plan writes as {@link KvTableModify}. */
    public static final List<RelOptRule> MODIFY_RULES = List.of(KvTableModifyRule.INSTANCE, KvDeleteKeysRule.INSTANCE,
            KvUpdateKeysRule.INSTANCE);

    /** All of them. */
    public static final List<RelOptRule> ALL = List.of(KvFilterRule.INSTANCE, KvSortRule.INSTANCE,
            KvSortFilterRule.INSTANCE, KvLimitRule.INSTANCE, KvTableModifyRule.INSTANCE, KvDeleteKeysRule.INSTANCE,
            KvUpdateKeysRule.INSTANCE);

    private KvRules() {
    }
}
