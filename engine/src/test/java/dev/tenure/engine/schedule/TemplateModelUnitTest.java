package dev.tenure.engine.schedule;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task title reads the same when its play starts (the facts the rule just matched, records) as when its step comes
 * due (the facts read back from the run's row): a template reads plain values either way.
 */
class TemplateModelUnitTest {

    /** As Spring Boot configures the application's mapper: java.time modules, dates as text. */
    private final JsonColumns json = new JsonColumns(JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
    private final EmailComposer composer = new EmailComposer();
    private final Account account = new Account("acme", "Acme", Segment.HIGH_TOUCH, Stage.VALUE, "csm@tenure.test",
            new BigDecimal("24000.50"), "growth", LocalDate.of(2025, 1, 15), LocalDate.of(2027, 1, 15), "Europe/Berlin");
    private final UsageTrend fell = new UsageTrend("acme", "core", 210, 700, -70, 5, 2, 400, 600, 700, 4.1, 640, 690);

    @Test
    void given_the_facts_a_rule_just_matched_then_a_title_reads_as_from_the_stored_run() {
        String title = "Call [[${account.name}]] ([[${account.renewalOn}]], [[${account.arr}]]): core "
                + "[[${facts.usageTrend.changePct}]]%, [[${facts.usageTrend.last7Days}]] uses";
        Why live = new Why("Core usage dropped", "v1", Map.of("usageTrend", fell));
        Why stored = json.read(json.write(live), Why.class);

        String atStart = composer.fill(title, TemplateModel.of(json, account, null, live));

        assertThat(atStart).isEqualTo("Call Acme (2027-01-15, 24000.50): core -70.0%, 210 uses");
        assertThat(composer.fill(title, TemplateModel.of(json, account, null, stored))).isEqualTo(atStart);
    }
}
