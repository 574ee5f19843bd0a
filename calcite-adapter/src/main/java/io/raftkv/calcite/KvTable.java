package io.raftkv.calcite;

import io.raftkv.calcite.rel.KvTableScan;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The {@code kv(key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR NOT NULL)} table: the whole store,
 * in key order. Reads plan to {@link KvTableScan}; writes to our own
 * {@link io.raftkv.calcite.rel.KvTableModify} (registered by {@link KvPrepare}), never to
 * Calcite's row-at-a-time collection modify. {@code value} is NOT NULL because the store keeps
 * bytes and has no NULL; {@code ''} is the empty value.
 */
public final class KvTable extends AbstractQueryableTable implements TranslatableTable, ModifiableTable {

    /** The table's name as SQL sees it (any letter case matches). */
    public static final String NAME = "kv";
    /** Key column name. */
    public static final String KEY = "key";
    /** Value column name. */
    public static final String VALUE = "value";
    /** Row-count guess for costing: the store does not keep a count. */
    static final double ESTIMATED_ROWS = 10_000;

    private final KvSession session;

    /** @param session the connection's session every scan and write of this table goes through */
    public KvTable(KvSession session) {
        super(Object[].class);
        this.session = Objects.requireNonNull(session, "session");
    }

    /** The connection's session. */
    public KvSession session() {
        return session;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return typeFactory.builder()
                .add(KEY, typeFactory.createSqlType(SqlTypeName.VARCHAR))
                .add(VALUE, typeFactory.createSqlType(SqlTypeName.VARCHAR))
                .build();
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(ESTIMATED_ROWS, List.of(ImmutableBitSet.of(0)), List.of(RelCollations.of(0)));
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return KvTableScan.create(context.getCluster(), relOptTable, this);
    }

    /** Not used: writes never go through a Java collection. */
    @Override
    public Collection<?> getModifiableCollection() {
        return null;
    }

    @Override
    public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader,
                                         RelNode child, TableModify.Operation operation,
                                         List<String> updateColumnList, List<RexNode> sourceExpressionList,
                                         boolean flattened) {
        return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
                sourceExpressionList, flattened);
    }

    /** Not used: reads plan to {@link KvTableScan}, never to a linq4j queryable. */
    @Override
    public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
        throw new UnsupportedStatementException("the kv table is read through SQL only, not as a Queryable");
    }
}
