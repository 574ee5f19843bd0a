package io.raftkv.node.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void when_return_precedes_invoke_then_rejected() {
        assertThatThrownBy(() -> Operation.put(1, "c", "k", "v", 5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returnTime 4 is before invokeTime 5");
    }

    @Test
    void when_put_has_no_value_then_rejected_with_a_hint_to_use_delete() {
        assertThatThrownBy(() -> Operation.put(1, "c", "k", Operation.ABSENT, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DELETE");
    }

    @Test
    void when_a_field_does_not_fit_the_kind_then_rejected() {
        assertThatThrownBy(() -> new Operation(1, "c", "k", OpKind.GET, "v", null, null, false, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(1, "c", "k", OpKind.DELETE, null, null, "v", true, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(1, "c", "k", OpKind.CAS, "v", "w", "v", true, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(1, "c", "k", OpKind.PUT_IF_ABSENT, null, null, null, true, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_an_unknown_outcome_carries_an_output_then_rejected() {
        assertThatThrownBy(() -> new Operation(1, "c", "k", OpKind.GET, null, null, "v", false, 0,
                Operation.UNKNOWN_RETURN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown outcome has no output");
    }

    @Test
    void when_outcome_becomes_unknown_then_output_is_cleared_and_return_is_infinite() {
        Operation known = Operation.cas(7, "c", "k", "a", "b", true, 3, 9);
        Operation unknown = known.withUnknownOutcome();
        assertThat(unknown.isUnknown()).isTrue();
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.returnTime()).isEqualTo(Operation.UNKNOWN_RETURN);
        assertThat(unknown.invokeTime()).isEqualTo(3);
        assertThat(unknown.describe()).isEqualTo("#7 c CAS k \"a\" -> \"b\" = ? [3, ?]");
        assertThat(known.describe()).isEqualTo("#7 c CAS k \"a\" -> \"b\" = ok [3, 9]");
    }
}
