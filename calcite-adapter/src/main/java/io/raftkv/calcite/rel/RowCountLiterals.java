package io.raftkv.calcite.rel;

import io.raftkv.calcite.InvalidDataException;
import java.math.BigDecimal;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Refuses a LIMIT / FETCH or OFFSET literal that is not a whole number from 0 to
 * {@link Long#MAX_VALUE} (SQL: an exact numeric with scale 0), with SQLState {@code 2201W} or
 * {@code 2201X}, before planning. Calcite's own rules read such literals as {@code BigDecimal}
 * and failed with a ClassCastException (XX000) on {@code LIMIT 1e308} (found by the SQL fuzzer).
 * Dynamic parameters ({@code LIMIT ?}) are not literals and are not checked here.
 */
public final class RowCountLiterals {

    private RowCountLiterals() {
    }

    /** Checks every Sort in the tree under {@code rel}. */
    public static void check(RelNode rel) {
        if (rel instanceof Sort s) {
            check(s.fetch, InvalidDataException.BAD_ROW_COUNT, "LIMIT");
            check(s.offset, InvalidDataException.BAD_OFFSET, "OFFSET");
        }
        for (RelNode input : rel.getInputs()) {
            check(input);
        }
    }

    private static void check(RexNode n, String sqlState, String clause) {
        if (!(n instanceof RexLiteral lit)) {
            return;
        }
        Object v = lit.getValue();
        boolean whole = SqlTypeName.EXACT_TYPES.contains(lit.getType().getSqlTypeName()) && v instanceof BigDecimal b
                && b.signum() >= 0 && b.stripTrailingZeros().scale() <= 0
                && b.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        if (!whole) {
            throw new InvalidDataException(sqlState, clause + " must be a whole number from 0 to " + Long.MAX_VALUE
                    + " (an exact numeric literal), was " + lit, null);
        }
    }
}
