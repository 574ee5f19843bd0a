package io.raftkv.calcite.rel;

import io.raftkv.calcite.KvTable;
import io.raftkv.calcite.UnsupportedStatementException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Gives MERGE's input rows one known layout: {@code [insert key, insert value,] target key,
 * target value, new value}. Calcite 1.42 projects the insert values, then the target columns
 * counted from the wrong offset when the source needed a cast (the target key is dropped), then
 * the SET value; this rebuilds the projection from the join, whose right side is the target table.
 */
final class MergeRows {

    private MergeRows() {
    }

    /**
     * The MERGE's source re-projected to the known layout.
     *
     * @throws UnsupportedStatementException if the plan does not have the shape Calcite gives MERGE
     */
    static RelNode normalize(TableModify merge) {
        if (!(original(merge.getInput()) instanceof Project project)
                || !(original(project.getInput()) instanceof Join join)) {
            throw unsupported();
        }
        int left = join.getLeft().getRowType().getFieldCount();
        List<String> right = join.getRight().getRowType().getFieldNames();
        if (right.size() != 2 || !right.get(0).equalsIgnoreCase(KvTable.KEY)) {
            throw unsupported();
        }
        List<RexNode> exprs = project.getProjects();
        int firstTarget = 0;
        while (firstTarget < exprs.size() && !(exprs.get(firstTarget) instanceof RexInputRef ref
                && ref.getIndex() >= left)) {
            firstTarget++;
        }
        if ((firstTarget != 0 && firstTarget != 2) || firstTarget >= exprs.size() - 1) {
            throw unsupported();
        }
        var rexBuilder = merge.getCluster().getRexBuilder();
        List<RexNode> layout = new ArrayList<>(exprs.subList(0, firstTarget));
        layout.add(rexBuilder.makeInputRef(join, left));
        layout.add(rexBuilder.makeInputRef(join, left + 1));
        layout.add(exprs.get(exprs.size() - 1));
        return project.copy(project.getTraitSet(), project.getInput(), layout,
                RexUtil.createStructType(merge.getCluster().getTypeFactory(), layout, null, null));
    }

    private static RelNode original(RelNode node) {
        return node instanceof RelSubset s ? s.getOriginal() : node;
    }

    private static UnsupportedStatementException unsupported() {
        return new UnsupportedStatementException("this MERGE form is not supported; use MERGE INTO kv USING ..."
                + " ON kv.key = ... WHEN MATCHED THEN UPDATE SET value = ... [WHEN NOT MATCHED THEN INSERT ...],"
                + " or UPSERT");
    }
}
