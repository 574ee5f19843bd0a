package io.raftkv.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.calcite.ReadConsistency;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RaftKvUrlTest {

    @Test
    void when_several_hosts_and_options_then_all_are_parsed() throws SQLException {
        RaftKvUrl url = RaftKvUrl.parse("jdbc:raftkv://h1:7001,h2:7002,[::1]:7003/?readConsistency=Lease"
                + "&timeoutMs=2500&user=ann&password=p%26w&ssl=true", new Properties());
        assertThat(url.hosts()).containsExactly(new RaftKvUrl.HostPort("h1", 7001), new RaftKvUrl.HostPort("h2", 7002),
                new RaftKvUrl.HostPort("::1", 7003));
        assertThat(url.consistency()).isEqualTo(ReadConsistency.LEASE);
        assertThat(url.timeoutMs()).isEqualTo(2500);
        assertThat(url.user()).isEqualTo("ann");
        assertThat(url.password()).isEqualTo("p&w");
        assertThat(url.ssl()).isTrue();
        assertThat(url.toString()).doesNotContain("p&w");
    }

    @Test
    void when_tls_options_are_given_then_they_are_parsed_and_the_password_not_printed() throws SQLException {
        RaftKvUrl url = RaftKvUrl.parse("jdbc:raftkv://h:1/?ssl=true&trustStore=/etc/t.p12&trustStorePassword=s3cr%21t"
                + "&sslCert=/etc/c.pem&sslKey=/etc/c.key", new Properties());
        assertThat(url.ssl()).isTrue();
        assertThat(url.trustStore()).isEqualTo("/etc/t.p12");
        assertThat(url.trustStorePassword()).isEqualTo("s3cr!t");
        assertThat(url.sslCert()).isEqualTo("/etc/c.pem");
        assertThat(url.sslKey()).isEqualTo("/etc/c.key");
        assertThat(url.sslCa()).isNull();
        assertThat(url.toString()).doesNotContain("s3cr!t").contains("trustStore=/etc/t.p12");

        Properties p = new Properties();
        p.setProperty("sslCa", "/etc/ca.pem");
        assertThat(RaftKvUrl.parse("jdbc:raftkv://h:1/?ssl=true", p).sslCa()).isEqualTo("/etc/ca.pem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:raftkv://h:1/?sslCa=/ca.pem", "jdbc:raftkv://h:1/?ssl=true&sslCa=/a&trustStore=/b",
            "jdbc:raftkv://h:1/?ssl=true&sslCert=/c.pem", "jdbc:raftkv://h:1/?ssl=true&trustStorePassword=x"})
    void when_tls_options_do_not_fit_together_then_08001_names_the_problem(String bad) {
        assertThatThrownBy(() -> RaftKvUrl.parse(bad, null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageMatching("(?s).*(need ssl=true|not both|go together|needs trustStore).*");
    }

    @Test
    void when_no_options_then_defaults_apply_with_or_without_slash() throws SQLException {
        for (String s : new String[] {"jdbc:raftkv://h:1", "jdbc:raftkv://h:1/", "jdbc:raftkv://h:1/?"}) {
            RaftKvUrl url = RaftKvUrl.parse(s, null);
            assertThat(url.consistency()).isEqualTo(ReadConsistency.LINEARIZABLE);
            assertThat(url.timeoutMs()).isEqualTo(RaftKvUrl.DEFAULT_TIMEOUT_MS);
            assertThat(url.ssl()).isFalse();
        }
    }

    @Test
    void when_option_in_properties_and_url_then_url_wins() throws SQLException {
        Properties p = new Properties();
        p.setProperty("readConsistency", "stale");
        p.setProperty("user", "bob");
        RaftKvUrl url = RaftKvUrl.parse("jdbc:raftkv://h:1/?readConsistency=linearizable", p);
        assertThat(url.consistency()).isEqualTo(ReadConsistency.LINEARIZABLE);
        assertThat(url.user()).isEqualTo("bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:raftkv:h:1", "jdbc:raftkv://", "jdbc:raftkv://h", "jdbc:raftkv://h:0",
            "jdbc:raftkv://h:70000", "jdbc:raftkv://h:x", "jdbc:raftkv://h:1,", "jdbc:raftkv://h:1/db",
            "jdbc:raftkv://h:1/?bogus=1", "jdbc:raftkv://h:1/?readConsistency=strong",
            "jdbc:raftkv://h:1/?timeoutMs=0", "jdbc:raftkv://h:1/?ssl=yes", "jdbc:raftkv://h:1/?novalue"})
    void when_url_is_malformed_then_08001_names_the_problem(String bad) {
        assertThatThrownBy(() -> RaftKvUrl.parse(bad, null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("expected jdbc:raftkv://host:port");
    }

    @Test
    void when_driver_manager_sees_raftkv_url_then_our_driver_answers_through_service_loader() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:raftkv://127.0.0.1:7001")).isInstanceOf(RaftKvDriver.class);
    }

    @Test
    void when_tool_asks_for_properties_then_the_url_options_are_listed() throws SQLException {
        var info = DriverManager.getDriver("jdbc:raftkv://h:1").getPropertyInfo("jdbc:raftkv://h:1", new Properties());
        assertThat(info).extracting(p -> p.name)
                .containsExactly("readConsistency", "timeoutMs", "user", "password", "ssl");
    }

    @Test
    void when_no_node_answers_then_connect_fails_with_08001() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:raftkv://127.0.0.1:1/?timeoutMs=300"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
    }
}
