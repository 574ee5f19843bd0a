package io.raftkv.calcite.rel;

import io.raftkv.calcite.KvTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.TryThreadLocal;

/**
 * Writes all rows of one INSERT, UPSERT, UPDATE or DELETE as one atomic batch: INSERT =
 * put-if-absent, UPSERT = put, UPDATE = put guarded by the value read, DELETE = delete guarded by
 * the value read, or, for {@code DELETE ... WHERE key = / IN} with nothing else, deletes of the
 * listed keys without reading them, and likewise {@code UPDATE kv SET value = literal-or-? WHERE key = / IN}. The single output row is the update count the state machine
 * reported. Replaces Calcite 1.42's {@code EnumerableTableModify}, which writes row by row and
 * cannot UPDATE.
 */
public final class KvTableModify extends TableModify implements EnumerableRel {

    /**
     * Set by {@link io.raftkv.calcite.KvPrepare} while it plans an UPSERT statement: Calcite
     * parses UPSERT but plans it as a plain INSERT.
     */
    public static final TryThreadLocal<Boolean> UPSERT = TryThreadLocal.of(false);

    private static final java.lang.reflect.Method EXECUTE = org.apache.calcite.linq4j.tree.Types.lookupMethod(
            KvModifyExecutor.class, "execute", org.apache.calcite.DataContext.class, Enumerable.class);

    final KvTable kvTable;
    /** True for UPSERT (put) rather than INSERT (put-if-absent); only with INSERT. */
    final boolean upsert;
    /** For DELETE or UPDATE by keys without reading: the keys; else null. */
    final KeyCondition.Points keys;
    /** For UPDATE by keys: the new value (a literal or parameter); else null. */
    final Operand newValue;

    KvTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalogReader,
                  RelNode input, Operation operation, List<String> updateColumnList,
                  List<RexNode> sourceExpressionList, boolean flattened, KvTable kvTable, boolean upsert,
                  KeyCondition.Points keys, Operand newValue) {
        super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
                flattened);
        this.kvTable = kvTable;
        this.upsert = upsert;
        this.keys = keys;
        this.newValue = newValue;
    }

    /**
     * This DELETE or UPDATE, done on {@code pointKeys} without reading its input.
     *
     * @param value for UPDATE the new value, for DELETE null
     */
    KvTableModify withKeys(KeyCondition.Points pointKeys, Operand value) {
        return new KvTableModify(getCluster(), getTraitSet(), getTable(), getCatalogReader(), getInput(),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), kvTable, upsert,
                pointKeys, value);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new KvTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), kvTable, upsert,
                keys, newValue);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .itemIf("upsert", true, upsert)
                .itemIf("keys", keys, keys != null)
                .itemIf("value", newValue, newValue != null);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        // Writing the keys without reading them first is cheaper than the same modify with a read.
        return keys != null ? cost.multiplyBy(0.1) : cost;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Expression rows;
        if (keys != null) {
            rows = Expressions.constant(null, Enumerable.class);
        } else {
            Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
            Expression childExp = builder.append("rows", child.block);
            rows = child.physType.convertTo(childExp, JavaRowFormat.ARRAY);
        }
        KvModifyExecutor executor = new KvModifyExecutor(kvTable, getOperation(), upsert, keys, newValue);
        Expression stashed = implementor.stash(executor, KvModifyExecutor.class);
        builder.add(Expressions.return_(null,
                Expressions.call(stashed, EXECUTE, implementor.getRootExpression(),
                        Expressions.convert_(rows, Enumerable.class))));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
                pref.prefer(JavaRowFormat.CUSTOM));
        return implementor.result(physType, builder.toBlock());
    }
}
