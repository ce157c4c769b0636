package dev.tenure.engine;

import dev.tenure.engine.accounts.ChangeOrigin;
import dev.tenure.engine.health.HealthOrigin;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column the engine writes from an enum is checked by the database with exactly that enum's values: a constant
 * added to an enum without a migration is refused at its first write in a test, not in production, and a value no
 * enum has cannot be stored by hand.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class EnumColumnsIntegrationTest {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> enumColumns() {
        return Stream.of(
                Arguments.of("account", "segment", Segment.class),
                Arguments.of("account", "stage", Stage.class),
                Arguments.of("contact", "role", ContactRole.class),
                Arguments.of("contact_change", "change", ContactChange.class),
                Arguments.of("contact_change", "origin", ChangeOrigin.class),
                Arguments.of("stage_change", "origin", ChangeOrigin.class),
                Arguments.of("stage_change", "to_stage", Stage.class),
                Arguments.of("ticket", "priority", TicketPriority.class),
                Arguments.of("ticket", "status", TicketStatus.class),
                Arguments.of("milestone", "type", MilestoneType.class),
                Arguments.of("health_score", "origin", HealthOrigin.class),
                Arguments.of("play_run", "audience", Audience.class),
                Arguments.of("play_run", "status", RunStatus.class),
                Arguments.of("play_step", "type", StepType.class),
                Arguments.of("play_step", "status", StepStatus.class),
                Arguments.of("task", "status", TaskStatus.class),
                Arguments.of("task", "outcome", TaskOutcome.class),
                Arguments.of("email", "status", EmailStatus.class),
                Arguments.of("digest", "status", EmailStatus.class));
    }

    @ParameterizedTest(name = "{0}.{1} holds only {2}'s values")
    @MethodSource("enumColumns")
    void the_database_checks_a_column_against_its_enum(String table, String column, Class<? extends Enum<?>> kind) {
        List<String> checks = jdbc.sql("""
                        SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                         WHERE t.relname = ? AND c.contype = 'c'
                        """)
                .param(table)
                .query(String.class).list().stream()
                .filter(definition -> Pattern.compile("\\(+" + column + "\\b").matcher(definition).find())
                .toList();

        assertThat(checks).as("CHECK constraints on %s.%s", table, column).hasSize(1);
        assertThat(quoted(checks.get(0))).isEqualTo(Arrays.stream(kind.getEnumConstants()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static Set<String> quoted(String definition) {
        Set<String> values = new TreeSet<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
