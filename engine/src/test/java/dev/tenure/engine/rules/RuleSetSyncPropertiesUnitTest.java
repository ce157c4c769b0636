package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node is named by the operator, or by its host and process; its poll interval is bounded. */
class RuleSetSyncPropertiesUnitTest {

    @Test
    void a_node_without_a_configured_name_is_named_by_its_host_and_process_id() {
        assertThat(new RuleSetSyncProperties("", Duration.ofSeconds(5)).node())
                .endsWith("-" + ProcessHandle.current().pid());
        assertThat(new RuleSetSyncProperties("  eu-west-1a  ", Duration.ofSeconds(5)).node()).isEqualTo("eu-west-1a");
    }

    @Test
    void a_poll_interval_outside_100ms_to_10m_or_a_name_too_long_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new RuleSetSyncProperties("", Duration.ofMillis(50)))
                .hasMessage("tenure.rules-sync.poll-interval must be from 100ms to 10m, was PT0.05S");
        assertThatThrownBy(() -> new RuleSetSyncProperties("", Duration.ofMinutes(11)))
                .hasMessageStartingWith("tenure.rules-sync.poll-interval must be from 100ms to 10m");
        assertThatThrownBy(() -> new RuleSetSyncProperties("n".repeat(201), Duration.ofSeconds(5)))
                .hasMessage("tenure.rules-sync.node-id must be at most 200 characters, was 201");
    }
}
