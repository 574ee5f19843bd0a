package io.raftkv.calcite.rel;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Turns ORDER BY key [ASC|DESC] and LIMIT/OFFSET directly over a scan into the scan's direction
 * and pushed limit (offset + fetch), so {@code ORDER BY key DESC LIMIT 5} reads five keys from
 * the end instead of sorting the table. Offset and fetch are still applied above the scan.
 */
final class KvSortRule extends RelRule<KvRuleConfig> {

    static final KvSortRule INSTANCE = (KvSortRule) new KvRuleConfig("KvSortRule",
            b0 -> b0.operand(LogicalSort.class).predicate(KvSortRule::onKeyOnly)
                    .oneInput(b1 -> b1.operand(KvTableScan.class).predicate(KvTableScan::isPlain).noInputs()),
            KvSortRule::new).toRule();

    private KvSortRule(KvRuleConfig config) {
        super(config);
    }

    private static boolean onKeyOnly(Sort sort) {
        List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
        return fields.isEmpty() || (fields.size() == 1 && fields.get(0).getFieldIndex() == KeyConditionExtractor.KEY);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        KvTableScan scan = call.rel(1);
        List<RelFieldCollation> fields = sort.getCollation().getFieldCollations();
        boolean reverse = !fields.isEmpty() && fields.get(0).getDirection().isDescending();
        Operand offset = operand(sort.offset);
        Operand fetch = operand(sort.fetch);
        if ((sort.offset != null && offset == null) || (sort.fetch != null && fetch == null)) {
            return;
        }
        KvTableScan ordered = scan.withOrder(reverse, fetch == null ? null : offset, fetch);
        if (sort.offset == null && sort.fetch == null) {
            call.transformTo(ordered);
        } else {
            // Built directly: EnumerableLimit.create would take the collation from the table's
            // statistic (ascending) instead of the scan's direction.
            call.transformTo(new EnumerableLimit(ordered.getCluster(), ordered.getTraitSet(), ordered,
                    sort.offset, sort.fetch));
        }
    }

    static Operand operand(RexNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof RexLiteral lit) {
            BigDecimal v = lit.getValueAs(BigDecimal.class);
            return v == null ? null : new Operand.Literal(v.longValueExact());
        }
        if (node instanceof RexDynamicParam p) {
            return new Operand.Param(p.getIndex());
        }
        return null;
    }
}
