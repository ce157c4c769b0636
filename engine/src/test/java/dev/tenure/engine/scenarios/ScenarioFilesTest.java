package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading scenario files: every mistake is reported with its file and line, all at once. */
class ScenarioFilesTest {

    private static final Set<String> PLAYS = Set.of("save-usage-drop", "ticket-escalation");

    private final List<ScenarioProblem> problems = new ArrayList<>();

    List<Scenario> parse(String yaml) {
        return ScenarioFiles.parse("tests/churn.yml", yaml, PLAYS, true, problems);
    }

    List<String> problems() {
        return problems.stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void a_well_formed_scenario_reads_with_its_line_and_relative_times() {
        List<Scenario> scenarios = parse("""
                # a comment first
                - scenario: Usage fell
                  account: { segment: high touch, stage: VALUE, startedOn: -400d, renewalOn: +200d, arr: 24000 }
                  contacts: [ { role: CHAMPION }, { role: billing, unsubscribed: true } ]
                  signals:
                    - usage: { feature: core, from: -35d, to: -8d, daily: 100 }
                    - ticket: { at: -4h, priority: P2 }
                  running: [ ticket-escalation ]
                  expect:
                    plays: [ save-usage-drop ]
                """);

        assertThat(problems()).isEmpty();
        Scenario s = scenarios.get(0);
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.name()).isEqualTo("Usage fell");
        assertThat(s.now()).isNull();
        assertThat(s.account().segment()).isEqualTo(Segment.HIGH_TOUCH);
        assertThat(s.account().stage()).isEqualTo(Stage.VALUE);
        assertThat(s.account().startedOn().offset()).isEqualTo(Duration.ofDays(-400));
        assertThat(s.contacts()).extracting(Scenario.GivenContact::role).containsExactly(ContactRole.CHAMPION, ContactRole.BILLING);
        assertThat(s.contacts().get(1).unsubscribed()).isTrue();
        assertThat(s.signals()).hasSize(2);
        assertThat(((GivenSignal.Ticket) s.signals().get(1)).at().offset()).isEqualTo(Duration.ofHours(-4));
        assertThat(s.runs()).singleElement().satisfies(r -> assertThat(r.running()).isTrue());
        assertThat(s.expect().plays()).containsExactly("save-usage-drop");
    }

    @Test
    void a_csat_answer_reads_with_its_ticket_and_a_score_out_of_1_to_5_is_refused_at_its_line() {
        List<Scenario> good = parse("""
                - scenario: Unhappy after a ticket
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - csat: { at: -2d, score: 2, ticket: T-9, contact: pat@acme.test }
                  expect: { plays: [] }
                """);
        assertThat(problems()).isEmpty();
        assertThat(good.get(0).signals()).singleElement().isEqualTo(new GivenSignal.Csat(
                ((GivenSignal.Csat) good.get(0).signals().get(0)).at(), 2, "T-9", "pat@acme.test"));
        assertThat(((GivenSignal.Csat) good.get(0).signals().get(0)).at().offset()).isEqualTo(Duration.ofDays(-2));

        parse("""
                - scenario: Out of range
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - csat: { at: -2d, score: 0, comment: meh }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:4: signal 1 (csat): unknown field 'comment' (known: at, score, ticket, contact)",
                "tests/churn.yml:4: signal 1 (csat): score: '0' is not a whole number from 1 to 5");
    }

    @Test
    void yaml_that_does_not_parse_is_reported_at_its_line() {
        parse("""
                - scenario: Broken
                  account: { segment: HIGH_TOUCH, stage: VALUE
                  expect: { plays: [] }
                """);

        assertThat(problems()).singleElement().asString().startsWith("tests/churn.yml:3: not valid YAML: ");
    }

    @Test
    void a_file_nested_deeper_than_yaml_is_read_is_reported_at_the_line_where_it_goes_too_deep() {
        parse("""
                - scenario: Usage fell
                  account: { segment: high touch, stage: VALUE }
                  expect: %s
                """.formatted("[".repeat(2000) + "]".repeat(2000)));

        assertThat(problems()).singleElement().asString()
                .startsWith("tests/churn.yml:3: not valid YAML: Document nesting depth (1001) exceeds the maximum allowed (1000");
    }

    @Test
    void unknown_fields_and_values_are_each_reported_at_their_line() {
        parse("""
                - scenario: Everything wrong
                  now: yesterday
                  account: { segmnet: HIGH_TOUCH, stage: SLEEPING }
                  contacts:
                    - role: BOSS
                  signals:
                    - ticket: { at: -3d, priority: P7 }
                    - billing: { at: -20x, event: REFUNDED }
                    - invoice: { at: -1d }
                    - nps: { at: now, score: 11 }
                  milestones: [ WOW ]
                  running: [ save-usage-dorp ]
                  expect:
                    plays: [ ticket-escalaton ]
                    stage: DONE
                    healthBand: GREAT
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:2: scenario \"Everything wrong\": now: 'yesterday' is not a date or an instant; "
                        + "write 2026-03-02 or 2026-03-02T10:00:00Z",
                "tests/churn.yml:3: account: unknown field 'segmnet' (known: id, name, segment, stage, csm, arr, plan, "
                        + "startedOn, renewalOn, timezone)",
                "tests/churn.yml:3: account: segment: is missing",
                "tests/churn.yml:3: account: stage: 'SLEEPING' is not one of ONBOARDING, ADOPTION, VALUE, RENEWAL, "
                        + "EXPANSION, ADVOCACY, CHURNED",
                "tests/churn.yml:5: contact 1: role: 'BOSS' is not one of CHAMPION, EXEC_SPONSOR, ADMIN, BILLING, USER",
                "tests/churn.yml:7: signal 1 (ticket): priority: 'P7' is not one of P1, P2, P3, P4",
                "tests/churn.yml:8: signal 2 (billing): at: '-20x' is not a time; write now, -20d, +3d, -4h, "
                        + "2026-03-01 or 2026-03-01T10:00:00Z",
                "tests/churn.yml:8: signal 2 (billing): event: 'REFUNDED' is not one of INVOICE_ISSUED, INVOICE_PAID, "
                        + "INVOICE_OVERDUE, PAYMENT_FAILED, MRR_CHANGED, SUBSCRIPTION_CANCELLED, SUBSCRIPTION_REACTIVATED",
                "tests/churn.yml:9: signal 3: 'invoice' is not a kind of signal (usage, ticket, billing, nps, csat, contact)",
                "tests/churn.yml:10: signal 4 (nps): score: '11' is not a whole number from 0 to 10",
                "tests/churn.yml:11: milestone 1: type: 'WOW' is not one of ACTIVATED, FIRST_VALUE, ADOPTED, "
                        + "RENEWAL_WINDOW, RENEWED",
                "tests/churn.yml:12: running play 1: play: play 'save-usage-dorp' is not in rules/plays/ "
                        + "(plays: save-usage-drop, ticket-escalation)",
                "tests/churn.yml:14: expect: plays: play 'ticket-escalaton' is not in rules/plays/ "
                        + "(plays: save-usage-drop, ticket-escalation)",
                "tests/churn.yml:15: expect: stage: 'DONE' is not one of ONBOARDING, ADOPTION, VALUE, RENEWAL, "
                        + "EXPANSION, ADVOCACY, CHURNED",
                "tests/churn.yml:16: expect: healthBand: 'GREAT' is not one of GOOD, AVERAGE, POOR");
    }

    @Test
    void missing_parts_are_named_with_the_line_of_the_scenario() {
        parse("""
                - scenario: No account and no expectation
                  signals: []
                - account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                - scenario: Empty expectation
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:1: scenario \"No account and no expectation\": account: is missing: "
                        + "give at least { segment: HIGH_TOUCH, stage: VALUE }",
                "tests/churn.yml:1: scenario \"No account and no expectation\": expect: is missing: say which plays "
                        + "should start (plays: [] for none), milestones, stage or healthBand",
                "tests/churn.yml:3: scenario: scenario: is missing",
                "tests/churn.yml:7: expect: say what to expect: plays, playsInclude, playsExclude, milestones, stage, "
                        + "healthBand");
    }

    @Test
    void a_usage_line_needs_a_time_or_a_range_and_a_range_must_run_forward() {
        parse("""
                - scenario: Usage mistakes
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, daily: 100 }
                    - usage: { feature: core, from: -8d, to: -35d, daily: 100 }
                    - usage: { feature: core, at: -1d, from: -3d }
                    - usage: { at: -1d }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:4: signal 1 (usage): from: is missing: give at (one signal) or from, to and daily "
                        + "(one signal a day)",
                "tests/churn.yml:5: signal 2 (usage): from: is after to",
                "tests/churn.yml:6: signal 3 (usage): at: give at (one signal) or from, to and daily "
                        + "(one signal a day), not both",
                "tests/churn.yml:7: signal 4 (usage): feature: is missing");
    }

    @Test
    void a_repeated_key_an_alias_and_a_repeated_scenario_name_are_refused() {
        parse("""
                - scenario: Twice
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                """);
        parse("""
                - scenario: Alias
                  account: &a { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                - scenario: Alias again
                  account: *a
                  expect: { plays: [] }
                """);
        parse("""
                - scenario: Same name
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                - scenario: Same name
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                """);

        assertThat(problems()).hasSize(3);
        assertThat(problems().get(0)).startsWith("tests/churn.yml:3: not valid YAML: Duplicate field 'account'");
        assertThat(problems().get(1)).isEqualTo("tests/churn.yml:5: not valid YAML: YAML aliases (*a) are not supported; "
                + "write the lines out");
        assertThat(problems().get(2)).isEqualTo("tests/churn.yml:4: scenario \"Same name\" appears twice in this file");
    }

    @Test
    void an_empty_file_or_one_that_is_not_a_list_of_scenarios_is_refused() {
        parse("");
        parse("just some text");

        assertThat(problems()).containsExactly(
                "tests/churn.yml:1: no scenarios: a scenario file is a list of '- scenario: <what it shows>' entries",
                "tests/churn.yml:1: no scenarios: a scenario file is a list of '- scenario: <what it shows>' entries");
    }

    @Test
    void a_dry_run_needs_no_expectation() {
        List<Scenario> scenarios = ScenarioFiles.parse("dry-run", """
                scenario: What would happen
                account: { segment: LOW_TOUCH, stage: VALUE }
                """, PLAYS, false, problems);

        assertThat(problems()).isEmpty();
        assertThat(scenarios).singleElement().satisfies(s -> assertThat(s.expect()).isNull());
    }

    @Test
    void contact_lines_name_a_contact_of_the_scenario_and_say_what_changed() {
        List<Scenario> scenarios = parse("""
                - scenario: The champion left
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  contacts: [ { role: CHAMPION }, { role: ADMIN, email: ada@acme.test } ]
                  signals:
                    - contact: { at: -2d, role: champion, change: became inactive }
                    - contact: { at: -1d, email: ADA@acme.test, change: ROLE_CHANGED, to: CHAMPION }
                    - contact: { at: -1d, change: ADDED, role: USER, email: new@acme.test }
                    - contact: { at: now, email: new@acme.test, change: UNSUBSCRIBED }
                  expect: { plays: [] }
                """);

        assertThat(problems()).isEmpty();
        assertThat(scenarios.get(0).signals()).containsExactly(
                new GivenSignal.ContactLine(Moment.parse("-2d"), dev.tenure.engine.vocabulary.ContactChange.BECAME_INACTIVE, null,
                        ContactRole.CHAMPION, null, 5),
                new GivenSignal.ContactLine(Moment.parse("-1d"), dev.tenure.engine.vocabulary.ContactChange.ROLE_CHANGED,
                        "ADA@acme.test", null, ContactRole.CHAMPION, 6),
                new GivenSignal.ContactLine(Moment.parse("-1d"), dev.tenure.engine.vocabulary.ContactChange.ADDED, "new@acme.test",
                        ContactRole.USER, null, 7),
                new GivenSignal.ContactLine(Moment.NOW, dev.tenure.engine.vocabulary.ContactChange.UNSUBSCRIBED, "new@acme.test",
                        null, null, 8));
    }

    @Test
    void a_contact_line_for_nobody_or_without_what_its_change_needs_is_told_at_its_line() {
        parse("""
                - scenario: Changes to nobody
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  contacts: [ { role: CHAMPION } ]
                  signals:
                    - contact: { at: -2d, email: ana@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: -2d, role: ADMIN, change: BECAME_INACTIVE }
                    - contact: { at: -1d, role: CHAMPION, change: ROLE_CHANGED }
                    - contact: { at: -1d, role: CHAMPION, change: BECAME_ACTIVE, to: USER }
                    - contact: { at: -1d, change: ADDED }
                    - contact: { at: -1d, change: LEFT, role: CHAMPION }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:5: contact change: no contact has the email 'ana@acme.test'; name one of the scenario's "
                        + "contacts, or add it first with change: ADDED",
                "tests/churn.yml:6: contact change: no contact has the role ADMIN; name one of the scenario's contacts, "
                        + "or add it first with change: ADDED",
                "tests/churn.yml:7: signal 3 (contact): to: is missing",
                "tests/churn.yml:8: signal 4 (contact): to: is the new role of a ROLE_CHANGED; a BECAME_ACTIVE has none",
                "tests/churn.yml:9: signal 5 (contact): role: is missing: an added contact needs its role",
                "tests/churn.yml:10: signal 6 (contact): change: 'LEFT' is not one of ADDED, ROLE_CHANGED, BECAME_INACTIVE, "
                        + "BECAME_ACTIVE, UNSUBSCRIBED");
    }
}
