package io.raftkv.calcite;

import io.raftkv.calcite.rel.KvRules;
import io.raftkv.calcite.rel.KvTableModify;
import io.raftkv.calcite.rel.RowCountLiterals;
import java.lang.reflect.Type;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.util.TryThreadLocal;

/**
 * Calcite's statement preparation with the raftkv adapter's rules: our {@link KvTableModify}
 * replaces {@code EnumerableTableModify}; IN lists of any length stay one predicate (Calcite
 * otherwise turns lists over 20 into a join with a full scan); UPSERT is told apart from INSERT.
 * Installed by the driver for every connection. Stateless; thread-safe.
 */
public class KvPrepare extends CalcitePrepareImpl {

    /** An UPSERT statement, possibly under EXPLAIN PLAN ... FOR. */
    private static final Pattern UPSERT = Pattern.compile(
            "^\\s*(EXPLAIN\\s+PLAN\\s+(\\w+\\s+)*FOR\\s+)?UPSERT\\b", Pattern.CASE_INSENSITIVE);

    @SuppressWarnings("unchecked")
    private static <T> Query<T> castQuery(Query<?> q) {
        return (Query<T>) q;
    }

    @Override
    protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.Context externalContext,
                                          RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
        KvRules.ALL.forEach(planner::addRule);
        return planner;
    }

    @Override
    @SuppressWarnings("try") // the resources only scope thread-local settings
    public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
        java.util.regex.Matcher m = query.sql == null ? null : UPSERT.matcher(query.sql);
        boolean upsert = m != null && m.find();
        if (upsert) {
            // Babel does not parse UPSERT; plan it as INSERT with the upsert flag set.
            query = castQuery(Query.of(query.sql.substring(0, m.end() - "UPSERT".length()) + "INSERT"
                    + query.sql.substring(m.end())));
        }
        try (TryThreadLocal.Memo threshold = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE);
             TryThreadLocal.Memo upsertFlag = KvTableModify.UPSERT.push(upsert);
             Hook.Closeable rowCounts = Hook.CONVERTED.addThread((RelNode rel) -> RowCountLiterals.check(rel))) {
            return super.prepareSql(context, query, elementType, maxRowCount);
        }
    }
}
