package dev.tenure.engine.rules;

import dev.tenure.engine.EngineTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DRL file that does not compile stops the start, naming the file, line and message. */
class BrokenRuleSetStopsStartTest {

    @Test
    void the_application_refuses_to_start_on_a_rule_that_does_not_compile(@TempDir Path rules) throws IOException {
        Files.createDirectories(rules.resolve("churn"));
        Files.writeString(rules.resolve("churn/broken.drl"), """
                package churn;
                import dev.tenure.engine.vocabulary.*;
                rule "unfinished"
                when
                    Account( segment == )
                then
                end
                """);

        assertThatThrownBy(() -> new SpringApplicationBuilder(EngineTestApplication.class)
                .properties("tenure.rules-folder=" + rules, "spring.main.banner-mode=off").run())
                .hasRootCauseInstanceOf(InvalidRuleSetException.class)
                .rootCause().hasMessageContaining("churn/broken.drl:5:");
    }
}
