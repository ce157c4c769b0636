package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator can turn the rules folder watch off; the rule set then changes only by upload or restart. */
class RulesWatchConfigurationUnitTest {

    @Test
    void with_rules_watch_false_nothing_watches_the_folder() {
        new ApplicationContextRunner().withUserConfiguration(RulesWatchConfiguration.class)
                .withPropertyValues("tenure.rules-watch=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(RulesFolderWatch.class);
                    assertThat(context.getBean(RulesWatchProperties.class).rulesWatch()).isFalse();
                });
    }
}
