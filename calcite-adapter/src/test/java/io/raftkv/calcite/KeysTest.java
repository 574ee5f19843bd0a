package io.raftkv.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.calcite.rel.KeyCondition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeysTest {

    /** BMP strings without surrogates, with extra weight on the characters where the orders could differ. */
    @Provide
    Arbitrary<String> sqlKeys() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u007f'),
                Arbitraries.chars().range('\u0080', '\ud7ff'),
                Arbitraries.chars().range('\ue000', '\uffff'));
        return chars.list().ofMaxSize(6).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
    }

    @Property
    void sql_order_of_keys_is_the_store_byte_order(@ForAll("sqlKeys") String a, @ForAll("sqlKeys") String b) {
        assertThat(Integer.signum(Keys.compare(Keys.encode(a), Keys.encode(b))))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property
    void prefix_end_bounds_exactly_the_keys_with_the_prefix(@ForAll("sqlKeys") String prefix,
                                                           @ForAll("sqlKeys") String key) {
        byte[] p = Keys.encode(prefix);
        byte[] k = Keys.encode(key);
        byte[] end = Keys.prefixEnd(p);
        boolean inRange = Keys.compare(k, p) >= 0 && (end == null || Keys.compare(k, end) < 0);
        assertThat(inRange).isEqualTo(key.startsWith(prefix));
    }

    @Test
    void when_key_has_supplementary_character_then_22021_names_the_rule() {
        assertThatThrownBy(() -> Keys.encode("a\uD83D\uDE00"))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.sqlState()).isEqualTo("22021"))
                .hasMessageContaining("Basic Multilingual Plane");
    }

    @Test
    void when_like_pattern_then_literal_prefix_stops_at_first_wildcard() {
        assertThat(KeyCondition.Prefix.literalPrefix("ab%")).isEqualTo("ab");
        assertThat(KeyCondition.Prefix.literalPrefix("a_c%")).isEqualTo("a");
        assertThat(KeyCondition.Prefix.isPurePrefix("ab%")).isTrue();
        assertThat(KeyCondition.Prefix.isPurePrefix("ab%c")).isFalse();
        assertThat(KeyCondition.Prefix.isPurePrefix("a_%")).isFalse();
        assertThat(KeyCondition.Prefix.isPurePrefix("abc")).isFalse();
    }
}
