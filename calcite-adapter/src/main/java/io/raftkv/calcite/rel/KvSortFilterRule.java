package io.raftkv.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalSort;

/**
 * ORDER BY key [DESC] [LIMIT] over a filter the scan could not absorb (e.g. on {@code value}):
 * scan in the wanted direction and filter on the way, instead of sorting everything read; the
 * scan stops as soon as the limit above has its rows. The limit is not pushed into the scan,
 * because the filter may drop rows.
 */
final class KvSortFilterRule extends RelRule<KvRuleConfig> {

    static final KvSortFilterRule INSTANCE = (KvSortFilterRule) new KvRuleConfig("KvSortFilterRule",
            b0 -> b0.operand(LogicalSort.class).predicate(KvSortFilterRule::onKey)
                    .oneInput(b1 -> b1.operand(LogicalFilter.class)
                            .oneInput(b2 -> b2.operand(KvTableScan.class).predicate(KvTableScan::isPlain).noInputs())),
            KvSortFilterRule::new).toRule();

    private KvSortFilterRule(KvRuleConfig config) {
        super(config);
    }

    private static boolean onKey(Sort sort) {
        List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
        return fields.size() == 1 && fields.get(0).getFieldIndex() == KeyConditionExtractor.KEY;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        LogicalFilter filter = call.rel(1);
        KvTableScan scan = call.rel(2);
        boolean reverse = sort.getCollation().getFieldCollations().get(0).getDirection().isDescending();
        KvTableScan ordered = scan.withOrder(reverse, null, null);
        // Built directly so the filter keeps the scan's direction (metadata would report the
        // table's ascending order).
        RelNode filtered = new EnumerableFilter(filter.getCluster(), ordered.getTraitSet(), ordered,
                filter.getCondition());
        call.transformTo(sort.offset == null && sort.fetch == null ? filtered
                : new EnumerableLimit(sort.getCluster(), ordered.getTraitSet(), filtered, sort.offset, sort.fetch));
    }
}
