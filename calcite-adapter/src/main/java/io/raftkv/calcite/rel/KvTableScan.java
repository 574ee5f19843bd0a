package io.raftkv.calcite.rel;

import io.raftkv.calcite.KvTable;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Reads the {@code kv} table by the cheapest access its pushed-down predicates allow: point gets,
 * one bounded range or prefix scan, or a full scan, ascending or descending in key order, with an
 * optional row limit (offset + fetch) so the store is asked for no more than needed. Its output is
 * always sorted by key in its direction, which is what lets ORDER BY key disappear. Rows are
 * {@code Object[]{key, value}}. Immutable; rules make new scans with {@code with...}.
 */
public final class KvTableScan extends TableScan implements EnumerableRel {

    final KvTable kvTable;
    final KeyCondition condition;
    /** True to read keys in descending order. */
    final boolean reverse;
    /** Rows skipped by a LIMIT/OFFSET above this scan, or null. Only set together with {@link #fetch}. */
    final Operand offset;
    /** Rows wanted after the offset, or null for all. */
    final Operand fetch;

    private KvTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, KvTable kvTable,
                        KeyCondition condition, boolean reverse, Operand offset, Operand fetch) {
        super(cluster, traits, List.of(), table);
        this.kvTable = Objects.requireNonNull(kvTable, "kvTable");
        this.condition = Objects.requireNonNull(condition, "condition");
        this.reverse = reverse;
        this.offset = offset;
        this.fetch = fetch;
    }

    /** A full ascending scan of {@code kvTable}. */
    public static KvTableScan create(RelOptCluster cluster, RelOptTable table, KvTable kvTable) {
        return new KvTableScan(cluster, traits(cluster, false), table, kvTable, KeyCondition.FULL, false, null, null);
    }

    private static RelTraitSet traits(RelOptCluster cluster, boolean reverse) {
        RelFieldCollation.Direction dir = reverse ? RelFieldCollation.Direction.DESCENDING
                : RelFieldCollation.Direction.ASCENDING;
        return cluster.traitSetOf(EnumerableConvention.INSTANCE)
                .replaceIf(RelCollationTraitDef.INSTANCE, () -> RelCollations.of(new RelFieldCollation(0, dir)));
    }

    /** This scan restricted to {@code newCondition}. */
    KvTableScan withCondition(KeyCondition newCondition) {
        return new KvTableScan(getCluster(), getTraitSet(), table, kvTable, newCondition, reverse, offset, fetch);
    }

    /** This scan in the given direction, reading at most offset + fetch rows. */
    KvTableScan withOrder(boolean newReverse, Operand newOffset, Operand newFetch) {
        return new KvTableScan(getCluster(), traits(getCluster(), newReverse), table, kvTable, condition,
                newReverse, newOffset, newFetch);
    }

    /** True if no rule has changed the order or limit yet. */
    boolean isPlain() {
        return !reverse && fetch == null;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new KvTableScan(getCluster(), traitSet, table, kvTable, condition, reverse, offset, fetch);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("access", condition.access())
                .itemIf("keys", condition, condition instanceof KeyCondition.Points)
                .itemIf("range", condition, condition instanceof KeyCondition.Range)
                .itemIf("prefix", condition, condition instanceof KeyCondition.Prefix)
                .item("order", reverse ? "DESC" : "ASC")
                .itemIf("limit", limitText(), fetch != null);
    }

    private String limitText() {
        return offset == null ? String.valueOf(fetch) : offset + "+" + fetch;
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = KvTableScanCost.rows(condition);
        if (fetch instanceof Operand.Literal f && (offset == null || offset instanceof Operand.Literal)) {
            long skip = offset == null ? 0 : ((Number) ((Operand.Literal) offset).value()).longValue();
            rows = Math.min(rows, skip + ((Number) f.value()).doubleValue());
        } else if (fetch != null) {
            rows = Math.min(rows, 100);
        }
        return Math.max(rows, 1);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        // A point get costs one round trip each; a scan one per page plus its rows.
        return planner.getCostFactory().makeCost(rows, rows, KvTableScanCost.roundTrips(condition, rows));
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (var rule : KvRules.SCAN_RULES) {
            planner.addRule(rule);
        }
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        KvScanExecutor executor = new KvScanExecutor(kvTable, condition, reverse, offset, fetch);
        Expression stashed = implementor.stash(executor, KvScanExecutor.class);
        return implementor.result(physType, Blocks.toBlock(
                Expressions.call(stashed, "enumerable", implementor.getRootExpression())));
    }
}
