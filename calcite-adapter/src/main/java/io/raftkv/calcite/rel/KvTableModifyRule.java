package io.raftkv.calcite.rel;

import io.raftkv.calcite.KvTable;
import io.raftkv.calcite.UnsupportedStatementException;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** Plans every INSERT, UPSERT, UPDATE and DELETE on {@code kv} as a {@link KvTableModify}. */
final class KvTableModifyRule extends ConverterRule {

    static final KvTableModifyRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalTableModify.class, m -> m.getTable().unwrap(KvTable.class) != null,
                    Convention.NONE, EnumerableConvention.INSTANCE, "KvTableModifyRule")
            .withRuleFactory(KvTableModifyRule::new)
            .toRule(KvTableModifyRule.class);

    private KvTableModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        TableModify modify = (TableModify) rel;
        if (modify.isMerge() && modify.getUpdateColumnList().isEmpty()) {
            throw new UnsupportedStatementException("MERGE needs a WHEN MATCHED THEN UPDATE clause; for inserts"
                    + " only use INSERT (fails on existing keys) or UPSERT (overwrites)");
        }
        if (modify.isUpdate() || modify.isMerge()) {
            for (String column : modify.getUpdateColumnList()) {
                if (!column.equalsIgnoreCase(KvTable.VALUE)) {
                    throw new UnsupportedStatementException("UPDATE can only set " + KvTable.VALUE
                            + "; to rename a key, DELETE it and INSERT the new key in one transaction");
                }
            }
        }
        RelNode source = modify.isMerge() ? MergeRows.normalize(modify) : modify.getInput();
        RelNode input = convert(source, source.getTraitSet().replace(EnumerableConvention.INSTANCE));
        return new KvTableModify(modify.getCluster(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
                modify.getTable(), modify.getCatalogReader(), input, modify.getOperation(),
                modify.getUpdateColumnList(), modify.getSourceExpressionList(), modify.isFlattened(),
                modify.getTable().unwrap(KvTable.class),
                modify.isInsert() && Boolean.TRUE.equals(KvTableModify.UPSERT.get()), null, null);
    }
}
