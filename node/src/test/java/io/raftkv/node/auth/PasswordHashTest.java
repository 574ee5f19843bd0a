package io.raftkv.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void when_a_password_is_hashed_twice_then_the_salts_differ_and_both_hashes_match_it() {
        PasswordHash a = PasswordHash.create(utf8("pässword"), 1000);
        PasswordHash b = PasswordHash.create(utf8("pässword"), 1000);

        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a.matches(utf8("pässword"))).isTrue();
        assertThat(b.matches(utf8("pässword"))).isTrue();
    }

    @Test
    void when_the_password_differs_by_one_character_then_it_does_not_match() {
        PasswordHash h = PasswordHash.create(utf8("secret"), 1000);

        assertThat(h.matches(utf8("secreT"))).isFalse();
        assertThat(h.matches(new byte[0])).isFalse();
    }

    @Test
    void when_encoded_and_decoded_then_iterations_salt_and_hash_survive_and_still_match() {
        PasswordHash h = PasswordHash.create(utf8("secret"), 1234);

        PasswordHash back = PasswordHash.decode(h.encode());

        assertThat(back).isEqualTo(h);
        assertThat(back.iterations()).isEqualTo(1234);
        assertThat(new String(h.encode(), StandardCharsets.UTF_8)).startsWith("pbkdf2-sha256$1234$");
        assertThat(back.matches(utf8("secret"))).isTrue();
    }

    @Test
    void when_printed_then_neither_salt_nor_hash_shows() {
        PasswordHash h = PasswordHash.create(utf8("secret"), 1000);

        assertThat(h.toString()).isEqualTo("PasswordHash[pbkdf2-sha256, 1000 iterations]");
    }

    @Test
    void when_a_stored_record_is_not_ours_or_its_iterations_out_of_range_then_decode_names_the_problem() {
        assertThatThrownBy(() -> PasswordHash.decode(utf8("bcrypt$12$abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbkdf2-sha256");
        assertThatThrownBy(() -> PasswordHash.decode(utf8("pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AA==")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
    }

    @Test
    void when_defaults_are_used_then_iterations_follow_owasp_for_pbkdf2_sha256() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThat(AuthConfig.required().iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
        assertThat(AuthConfig.required().enabled()).isTrue();
    }
}
