package io.raftkv.calcite.rel;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Turns a filter condition on the {@code kv} table into the best {@link KeyCondition} and the
 * residual predicates the scan's output must still pass. Priority: points, then prefix, then
 * range, then full (as the innodb adapter ranks point before range). Handles {@code =},
 * {@code SEARCH} (IN lists and ranges, as Calcite 1.42 simplifies them), OR of equalities,
 * comparisons, and LIKE, with literals or {@code ?} parameters on the other side. Stateless.
 */
public final class KeyConditionExtractor {

    /** The key column's field index in the {@code kv} row. */
    static final int KEY = 0;

    /**
     * What {@link #extract} found.
     *
     * @param condition the access chosen
     * @param residual  what is left to evaluate on the scan's rows, or null if nothing
     */
    public record Extraction(KeyCondition condition, RexNode residual) {
    }

    private KeyConditionExtractor() {
    }

    /**
     * Splits {@code condition} (over the {@code kv} row type) into key access and residual.
     */
    public static Extraction extract(RexNode condition, RexBuilder rexBuilder) {
        List<RexNode> residual = new ArrayList<>();
        KeyCondition points = null;
        KeyCondition prefix = null;
        Operand lower = null;
        boolean lowerInclusive = false;
        Operand upper = null;
        boolean upperInclusive = false;
        List<RexNode> rangeConjuncts = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            KeyCondition.Points p = points(c);
            if (p != null && points == null) {
                points = p;
                continue;
            }
            Operand pattern = likePattern(c);
            if (pattern != null && prefix == null) {
                prefix = new KeyCondition.Prefix(pattern);
                if (!(pattern instanceof Operand.Literal l && KeyCondition.Prefix.isPurePrefix((String) l.value()))) {
                    residual.add(c);
                }
                continue;
            }
            KeyCondition.Range r = range(c);
            if (r != null && (r.lower() == null || lower == null) && (r.upper() == null || upper == null)) {
                if (r.lower() != null) {
                    lower = r.lower();
                    lowerInclusive = r.lowerInclusive();
                }
                if (r.upper() != null) {
                    upper = r.upper();
                    upperInclusive = r.upperInclusive();
                }
                rangeConjuncts.add(c);
                continue;
            }
            residual.add(c);
        }
        KeyCondition chosen;
        if (points != null) {
            chosen = points;
            residual.addAll(rangeConjuncts);
            if (prefix != null) {
                residual.add(likeOf(condition, prefix));
            }
        } else if (prefix != null) {
            chosen = prefix;
            residual.addAll(rangeConjuncts);
        } else if (lower != null || upper != null) {
            chosen = new KeyCondition.Range(lower, lowerInclusive, upper, upperInclusive);
        } else {
            chosen = KeyCondition.FULL;
        }
        RexNode rest = residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual);
        return new Extraction(chosen, rest);
    }

    /** The LIKE conjunct of {@code condition} whose pattern is the prefix's (it was consumed). */
    private static RexNode likeOf(RexNode condition, KeyCondition prefix) {
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            Operand p = likePattern(c);
            if (p != null && new KeyCondition.Prefix(p).equals(prefix)) {
                return c;
            }
        }
        throw new IllegalStateException("LIKE conjunct vanished from " + condition);
    }

    private static KeyCondition.Points points(RexNode c) {
        if (c.getKind() == SqlKind.EQUALS) {
            Operand o = keyComparedWith((RexCall) c);
            return o == null ? null : new KeyCondition.Points(List.of(o));
        }
        if (c.getKind() == SqlKind.OR) {
            List<Operand> keys = new ArrayList<>();
            for (RexNode d : RelOptUtil.disjunctions(c)) {
                if (d.getKind() != SqlKind.EQUALS) {
                    return null;
                }
                Operand o = keyComparedWith((RexCall) d);
                if (o == null) {
                    return null;
                }
                keys.add(o);
            }
            return new KeyCondition.Points(keys);
        }
        if (c.getKind() == SqlKind.SEARCH && isKey(((RexCall) c).getOperands().get(0))) {
            Sarg<?> sarg = ((RexLiteral) ((RexCall) c).getOperands().get(1)).getValueAs(Sarg.class);
            if (sarg == null || !sarg.isPoints() || sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.UNKNOWN
                    && sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.FALSE) {
                return null;
            }
            List<Operand> keys = new ArrayList<>();
            for (Range<?> r : sarg.rangeSet.asRanges()) {
                keys.add(new Operand.Literal(text(r.lowerEndpoint())));
            }
            return new KeyCondition.Points(keys);
        }
        return null;
    }

    private static KeyCondition.Range range(RexNode c) {
        SqlKind kind = c.getKind();
        if (kind == SqlKind.SEARCH && isKey(((RexCall) c).getOperands().get(0))) {
            Sarg<?> sarg = ((RexLiteral) ((RexCall) c).getOperands().get(1)).getValueAs(Sarg.class);
            if (sarg == null || sarg.rangeSet.asRanges().size() != 1) {
                return null;
            }
            Range<?> r = sarg.rangeSet.asRanges().iterator().next();
            Operand lo = r.hasLowerBound() ? new Operand.Literal(text(r.lowerEndpoint())) : null;
            Operand hi = r.hasUpperBound() ? new Operand.Literal(text(r.upperEndpoint())) : null;
            return new KeyCondition.Range(lo, r.hasLowerBound() && r.lowerBoundType() == BoundType.CLOSED,
                    hi, r.hasUpperBound() && r.upperBoundType() == BoundType.CLOSED);
        }
        if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL
                && kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL) {
            return null;
        }
        RexCall call = (RexCall) c;
        Operand value = keyComparedWith(call);
        if (value == null) {
            return null;
        }
        if (!isKey(call.getOperands().get(0))) {
            kind = kind.reverse();
        }
        boolean inclusive = kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN_OR_EQUAL;
        boolean isLower = kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
        return isLower ? new KeyCondition.Range(value, inclusive, null, false)
                : new KeyCondition.Range(null, false, value, inclusive);
    }

    /** The pattern of {@code key LIKE pattern} (no ESCAPE, not NOT LIKE), or null. */
    private static Operand likePattern(RexNode c) {
        if (c.getKind() != SqlKind.LIKE || ((RexCall) c).getOperands().size() != 2) {
            return null;
        }
        RexCall call = (RexCall) c;
        if (!call.getOperator().getName().equalsIgnoreCase("LIKE") || !isKey(call.getOperands().get(0))) {
            return null;
        }
        return operand(call.getOperands().get(1));
    }

    /** For a binary call with the key on one side: the other side as an operand, else null. */
    private static Operand keyComparedWith(RexCall call) {
        if (call.getOperands().size() != 2) {
            return null;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (isKey(a)) {
            return operand(b);
        }
        if (isKey(b)) {
            return operand(a);
        }
        return null;
    }

    private static boolean isKey(RexNode node) {
        return node instanceof RexInputRef ref && ref.getIndex() == KEY;
    }

    private static Operand operand(RexNode node) {
        if (node instanceof RexLiteral lit && !lit.isNull() && lit.getValue() instanceof NlsString) {
            return new Operand.Literal(lit.getValueAs(String.class));
        }
        if (node instanceof RexDynamicParam p) {
            return new Operand.Param(p.getIndex());
        }
        return null;
    }

    private static String text(Object endpoint) {
        return endpoint instanceof NlsString s ? s.getValue() : String.valueOf(endpoint);
    }
}
