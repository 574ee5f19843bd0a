package io.raftkv.calcite.rel;

import org.apache.calcite.DataContext;

/**
 * A value a pushed-down predicate or limit needs: a literal known at planning time, or a
 * {@code ?} parameter read at execution time, so a prepared statement is planned once.
 */
public sealed interface Operand permits Operand.Literal, Operand.Param {

    /**
     * The value for this execution; null if the literal or bound parameter is NULL.
     *
     * @param root the execution's data context (holds parameters as {@code ?0}, {@code ?1}...)
     */
    Object resolve(DataContext root);

    /**
     * A value fixed in the SQL text.
     *
     * @param value a String for keys and patterns, a Number for limits
     */
    record Literal(Object value) implements Operand {
        @Override
        public Object resolve(DataContext root) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    /**
     * A {@code ?} parameter.
     *
     * @param index zero-based parameter index
     */
    record Param(int index) implements Operand {
        @Override
        public Object resolve(DataContext root) {
            return root.get("?" + index);
        }

        @Override
        public String toString() {
            return "?" + index;
        }
    }
}
