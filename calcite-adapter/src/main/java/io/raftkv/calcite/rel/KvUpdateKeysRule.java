package io.raftkv.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.NlsString;

/**
 * {@code UPDATE kv SET value = 'literal' or ? WHERE key = ? / IN (...)} with no other predicate:
 * put-if-exists on the listed keys without reading them first (the state machine reports which
 * existed). A new value computed from the old one ({@code value || 'x'}) still reads the rows.
 */
final class KvUpdateKeysRule extends RelRule<KvRuleConfig> {

    static final KvUpdateKeysRule INSTANCE = (KvUpdateKeysRule) new KvRuleConfig("KvUpdateKeysRule",
            b0 -> b0.operand(KvTableModify.class).predicate(m -> m.isUpdate() && m.keys == null)
                    .oneInput(b1 -> b1.operand(Project.class).oneInput(b2 -> b2.operand(KvTableScan.class)
                            .predicate(s -> s.isPlain() && s.condition instanceof KeyCondition.Points).noInputs())),
            KvUpdateKeysRule::new).toRule();

    private KvUpdateKeysRule(KvRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        KvTableModify modify = call.rel(0);
        Project project = call.rel(1);
        KvTableScan scan = call.rel(2);
        List<RexNode> exprs = project.getProjects();
        // Row of an UPDATE: old key, old value, then the new value of the one SET column.
        if (exprs.size() != 3 || !isInput(exprs.get(0), 0) || !isInput(exprs.get(1), 1)
                || RelOptUtil.InputFinder.bits(exprs.get(2)).cardinality() != 0) {
            return;
        }
        Operand value = constant(exprs.get(2));
        if (value != null) {
            call.transformTo(modify.withKeys((KeyCondition.Points) scan.condition, value));
        }
    }

    private static boolean isInput(RexNode node, int index) {
        return node instanceof RexInputRef ref && ref.getIndex() == index;
    }

    private static Operand constant(RexNode node) {
        if (node instanceof RexLiteral lit && lit.getValue() instanceof NlsString) {
            return new Operand.Literal(lit.getValueAs(String.class));
        }
        if (node instanceof RexDynamicParam p) {
            return new Operand.Param(p.getIndex());
        }
        return null;
    }
}
