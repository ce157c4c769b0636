package dev.tenure.engine.plays;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.storage.JsonColumns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A step's definition is stored as JSON on its row; rows written before send windows must still read. */
class StoredStepDefinitionUnitTest {

    /** As Spring Boot configures the application's mapper: java.time modules, dates as text. */
    private final JsonColumns json = new JsonColumns(JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

    @Test
    void aStepStoredBeforeSendWindowsExistedGoesOutAtAnyTime() {
        StepDefinition step = json.read("""
                {"type":"EMAIL","delay":"PT0S","owner":null,"title":null,"details":null,"priority":null,"dueIn":null,
                 "to":["champion"],"template":"check-in"}""", StepDefinition.class);

        assertThat(step.window()).isEqualTo(SendWindow.ANY_TIME);
    }

    @Test
    void aStepKeepsItsSendWindowThroughItsRow() {
        StepDefinition step = new StepDefinition(StepType.EMAIL, Span.ofDays(2), null, null, null, null, null,
                List.of("champion"), "check-in", new SendWindow(false, true, LocalTime.of(9, 30)));

        assertThat(json.read(json.write(step), StepDefinition.class)).isEqualTo(step);
    }

    @Test
    void aStepStoredWithIsoDurationsReadsWholeDaysAsCalendarDaysAndTheRestAsTime() {
        StepDefinition old = json.read("""
                {"type":"TASK","delay":"PT4H","owner":"csm","title":"Call","details":null,"priority":"HIGH","dueIn":"PT48H",
                 "to":[],"template":null}""", StepDefinition.class);

        assertThat(old.delay()).isEqualTo(Span.ofTime(Duration.ofHours(4)));
        assertThat(old.dueIn()).isEqualTo(Span.ofDays(2));
        assertThat(json.write(old)).contains("\"delay\":\"4h\"", "\"dueIn\":\"2d\"");
    }

    @Test
    void aTaskStepStoredBeforeChecklistsExistedHasAnEmptyOneAndANewOneKeepsIt() {
        StepDefinition old = json.read("""
                {"type":"TASK","delay":"PT0S","owner":"csm","title":"Call","details":null,"priority":"HIGH","dueIn":"PT48H",
                 "to":[],"template":null}""", StepDefinition.class);
        StepDefinition step = new StepDefinition(StepType.TASK, Span.ZERO, "csm", "Call", null, "HIGH", Span.ofDays(2),
                List.of(), null, SendWindow.ANY_TIME, false, List.of("Read the tickets", "Call"));

        assertThat(old.checklist()).isEmpty();
        assertThat(json.read(json.write(step), StepDefinition.class)).isEqualTo(step);
    }
}
