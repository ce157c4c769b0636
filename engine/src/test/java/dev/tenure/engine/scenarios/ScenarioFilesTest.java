package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading scenario files: every mistake is reported with its file and line, all at once. */
class ScenarioFilesTest {

    private static final Set<String> PLAYS = Set.of("save-usage-drop", "ticket-escalation");
    /** The current time a scenario without a now runs at. */
    private static final Instant RUNS_AT = Instant.parse("2026-03-02T10:00:00Z");

    private final List<ScenarioProblem> problems = new ArrayList<>();

    List<Scenario> parse(String yaml) {
        return ScenarioFiles.parse("tests/churn.yml", yaml, PLAYS, true, RUNS_AT, problems);
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
    void a_required_field_given_empty_is_refused_at_its_line_as_a_missing_one_is() {
        // Each of these ran as if the field held nothing: a scenario without a name, an account without a segment, and
        // a signal whose feature, priority, time or change was null failed the run with a NullPointerException.
        parse("""
                - scenario: ''
                  account: { segment: '', stage: ' ' }
                  contacts: [ { role: '' }, { role: ADMIN } ]
                  signals:
                    - usage: { feature: '', at: -1d }
                    - ticket: { at: -1d, priority: '' }
                    - billing: { at: '', event: }
                    - nps: { at: -1d, score: '' }
                    - contact: { at: -1d, email: admin@scenario-account.test, change: '' }
                    - usage: { feature: core, at: '' }
                    - usage: { feature: core, from: ' ', to: now, daily: 1 }
                  running: [ { play: '' } ]
                  ended: [ { play: save-usage-drop, started: '' } ]
                  milestones: [ '' ]
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:1: scenario: scenario: is empty",
                "tests/churn.yml:2: account: segment: is empty",
                "tests/churn.yml:2: account: stage: is empty",
                "tests/churn.yml:3: contact 1: role: is empty",
                "tests/churn.yml:5: signal 1 (usage): feature: is empty",
                "tests/churn.yml:6: signal 2 (ticket): priority: is empty",
                "tests/churn.yml:7: signal 3 (billing): at: is empty",
                "tests/churn.yml:7: signal 3 (billing): event: is empty",
                "tests/churn.yml:8: signal 4 (nps): score: is empty",
                "tests/churn.yml:9: signal 5 (contact): change: is empty",
                "tests/churn.yml:10: signal 6 (usage): from: is missing: give at (one signal) or from, to and daily (one signal a day)",
                "tests/churn.yml:11: signal 7 (usage): from: is missing: give at (one signal) or from, to and daily (one signal a day)",
                "tests/churn.yml:12: running play 1: play: is empty",
                "tests/churn.yml:13: ended play 1: started: is empty",
                "tests/churn.yml:14: milestone 1: type: is empty");
    }

    @Test
    void a_play_run_or_milestone_dated_after_the_scenarios_now_is_refused_at_its_line() {
        // Such a run held the play back as if in its cooldown, a situation live never meets: runs are stored as they start.
        parse("""
                - scenario: Runs ahead of now
                  now: 2026-03-02T10:00:00Z
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  running: [ { play: ticket-escalation, started: +1h } ]
                  ended: [ { play: save-usage-drop, started: 2026-03-05 }, { play: save-usage-drop, started: now } ]
                  milestones: [ { type: ADOPTED, at: +2d }, { type: ACTIVATED, at: -2d } ]
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:4: running play 1: started: '+1h' is after the scenario's now; a play run the scenario gives "
                        + "started by then",
                "tests/churn.yml:5: ended play 1: started: '2026-03-05' is after the scenario's now; a play run the scenario "
                        + "gives started by then",
                "tests/churn.yml:6: milestone 1: at: '+2d' is after the scenario's now; a milestone the scenario gives was "
                        + "reached by then");
    }

    @Test
    void without_a_now_a_play_run_or_milestone_dated_after_the_time_the_scenario_runs_at_is_refused_at_its_line() {
        // Such a scenario runs at the current time: a run started on a date still ahead of it has not begun.
        List<Scenario> read = parse("""
                - scenario: Dated ahead of the day it runs
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  running: [ { play: ticket-escalation, started: 2026-03-02T10:01:00Z } ]
                  ended: [ { play: save-usage-drop, started: 2030-01-01 }, { play: save-usage-drop, started: 2026-03-02T10:00:00Z } ]
                  milestones: [ { type: ADOPTED, at: 2026-03-03 }, { type: ACTIVATED, at: 2026-03-01 } ]
                  expect: { plays: [] }
                - scenario: Dated before the day it runs
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  ended: [ { play: save-usage-drop, started: 2026-01-05 } ]
                  milestones: [ { type: ADOPTED, at: 2026-03-02T09:59:00Z } ]
                  expect: { plays: [] }
                """);

        String runsAt = "(it gives no now, so it runs at the current time, 2026-03-02T10:00:00Z)";
        assertThat(problems()).containsExactly(
                "tests/churn.yml:3: running play 1: started: '2026-03-02T10:01:00Z' is after the scenario's now " + runsAt
                        + "; a play run the scenario gives started by then",
                "tests/churn.yml:4: ended play 1: started: '2030-01-01' is after the scenario's now " + runsAt
                        + "; a play run the scenario gives started by then",
                "tests/churn.yml:5: milestone 1: at: '2026-03-03' is after the scenario's now " + runsAt
                        + "; a milestone the scenario gives was reached by then");
        assertThat(read).extracting(Scenario::name).containsExactly("Dated before the day it runs");
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
                """, PLAYS, false, RUNS_AT, problems);

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
    void a_contact_added_with_the_email_of_one_the_scenario_already_has_is_told_at_its_line() {
        // Live, a contact is ADDED when a source first names its email; one already known comes with its changes. Taken
        // here, the line made the inactive champion active again, so a later BECAME_INACTIVE started a play live never would.
        parse("""
                - scenario: Added twice
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  contacts: [ { role: CHAMPION, active: false }, { role: ADMIN, email: ada@acme.test } ]
                  signals:
                    - contact: { at: -3d, change: ADDED, role: CHAMPION, email: Champion@scenario-account.test }
                    - contact: { at: -3d, change: ADDED, role: USER, email: new@acme.test }
                    - contact: { at: -2d, change: ADDED, role: USER, email: NEW@acme.test }
                    - contact: { at: -1d, change: ADDED, role: ADMIN }
                    - contact: { at: -1d, role: CHAMPION, change: BECAME_INACTIVE }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:5: contact change: 'Champion@scenario-account.test' is already a contact of the scenario; "
                        + "ADDED is for a contact a source names for the first time",
                "tests/churn.yml:7: contact change: 'NEW@acme.test' is already a contact of the scenario; "
                        + "ADDED is for a contact a source names for the first time");
    }

    @Test
    void a_contact_line_that_changes_nothing_is_told_at_its_line() {
        // Live, a change is recorded only when a contact changes: a champion sent as inactive twice, or one already
        // inactive, is no news, and champion-left does not start. Taken here, such a line started it.
        List<Scenario> read = parse("""
                - scenario: Left twice
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  contacts: [ { role: CHAMPION, email: ana@acme.test }, { role: ADMIN, active: false, unsubscribed: true } ]
                  signals:
                    - contact: { at: -2d, email: ana@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: -1d, email: ANA@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: -3d, role: ADMIN, change: BECAME_INACTIVE }
                    - contact: { at: -3d, role: ADMIN, change: UNSUBSCRIBED }
                    - contact: { at: -5d, email: ana@acme.test, change: ROLE_CHANGED, to: CHAMPION }
                    - contact: { at: -4d, change: ADDED, role: USER, email: new@acme.test }
                    - contact: { at: -3d, email: new@acme.test, change: BECAME_ACTIVE }
                  expect: { plays: [] }
                - scenario: Left, came back, left again
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  contacts: [ { role: CHAMPION, email: ana@acme.test } ]
                  signals:
                    - contact: { at: -1d, email: ana@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: -3d, email: ana@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: -2d, email: ana@acme.test, change: BECAME_ACTIVE }
                  expect: { plays: [] }
                """);

        String unseen = "; live, a change is recorded only when the contact changes, so no rule would see this one";
        assertThat(problems()).containsExactly(
                "tests/churn.yml:6: signal 2 (contact): change: 'BECAME_INACTIVE' changes nothing: ANA@acme.test is already "
                        + "inactive then" + unseen,
                "tests/churn.yml:7: signal 3 (contact): change: 'BECAME_INACTIVE' changes nothing: admin@scenario-account.test "
                        + "is already inactive then" + unseen,
                "tests/churn.yml:8: signal 4 (contact): change: 'UNSUBSCRIBED' changes nothing: admin@scenario-account.test "
                        + "has already unsubscribed then" + unseen,
                "tests/churn.yml:9: signal 5 (contact): change: 'ROLE_CHANGED' changes nothing: ana@acme.test is already "
                        + "CHAMPION then" + unseen,
                "tests/churn.yml:11: signal 7 (contact): change: 'BECAME_ACTIVE' changes nothing: new@acme.test is already "
                        + "active then" + unseen);
        assertThat(read).extracting(Scenario::name).containsExactly("Left, came back, left again");
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

    @Test
    void given_amounts_no_customer_pays_each_is_refused_at_its_line_naming_the_field_and_the_bound() {
        List<Scenario> read = parse("""
                - scenario: Money beyond bounds
                  account: { segment: LOW_TOUCH, stage: VALUE, arr: 1e300000000 }
                  signals:
                    - billing: { at: -40d, event: MRR_CHANGED, amount: 100.50 }
                    - billing: { at: -2d, event: MRR_CHANGED, amount: 1e999999999 }
                    - billing: { at: -1d, event: INVOICE_PAID, amount: -1000000000000 }
                    - billing: { at: -1d, event: INVOICE_PAID, amount: 0.0000001 }
                    - billing: { at: -1d, event: INVOICE_PAID, amount: %s }
                  expect: { plays: [] }
                """.formatted("1".repeat(100_000)));

        assertThat(read).isEmpty();
        assertThat(problems()).containsExactly(
                "tests/churn.yml:2: account: arr: '1E+300000000' is beyond ±999999999999.99",
                "tests/churn.yml:5: signal 2 (billing): amount: '1E+999999999' is beyond ±999999999999.99",
                "tests/churn.yml:6: signal 3 (billing): amount: '-1000000000000' is beyond ±999999999999.99",
                "tests/churn.yml:7: signal 4 (billing): amount: '1E-7' has more than 6 decimal places",
                "tests/churn.yml:8: signal 5 (billing): amount: '" + "1".repeat(60) + "… (100000 characters)' is not a number "
                        + "of at most 40 characters");
    }

    /**
     * A leading zero is octal to YAML 1.1 (a play's or health.yml's 010 is refused for it), and a digit of another script
     * is no digit a source sends: a scenario reads them no more than the rest of the rule set does.
     */
    @Test
    void given_a_number_with_a_leading_zero_or_digits_of_another_script_then_it_is_refused_at_its_line() {
        parse("""
                - scenario: Numbers as no other file takes them
                  account: { segment: LOW_TOUCH, stage: VALUE, arr: "٤٨٠٠٠" }
                  signals:
                    - nps: { at: -1d, score: 010 }
                    - usage: { feature: core, at: -1d, quantity: "١٢" }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:2: account: arr: '٤٨٠٠٠' is not a number",
                "tests/churn.yml:4: signal 1 (nps): score: '010' is not a whole number from 0 to 10",
                "tests/churn.yml:5: signal 2 (usage): quantity: '١٢' is not a whole number from 0 to 1000000000");
    }

    @Test
    void given_counts_and_scores_beyond_what_a_source_may_send_each_is_refused_at_its_line_with_its_bound() {
        parse("""
                - scenario: Counts beyond bounds
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, at: -1d, quantity: 1000000001, activeUsers: 10000001 }
                    - usage: { feature: core, from: -3d, to: now, daily: 99999999999999999999 }
                    - usage: { feature: core, from: -3d, to: now, daily: -1 }
                    - nps: { at: -1d, score: -1 }
                    - csat: { at: -1d, score: 6 }
                  previousHealth: 101
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:4: signal 1 (usage): activeUsers: '10000001' is not a whole number from 0 to 10000000",
                "tests/churn.yml:4: signal 1 (usage): quantity: '1000000001' is not a whole number from 0 to 1000000000",
                "tests/churn.yml:5: signal 2 (usage): daily: '99999999999999999999' is not a whole number from 0 to 1000000000",
                "tests/churn.yml:6: signal 3 (usage): daily: '-1' is not a whole number from 0 to 1000000000",
                "tests/churn.yml:7: signal 4 (nps): score: '-1' is not a whole number from 0 to 10",
                "tests/churn.yml:8: signal 5 (csat): score: '6' is not a whole number from 1 to 5",
                "tests/churn.yml:9: scenario \"Counts beyond bounds\": previousHealth: '101' is not a whole number from 0 to 100");
    }

    @Test
    void given_times_beyond_the_years_the_intake_takes_each_is_refused_at_its_line_not_failed_in_date_arithmetic() {
        parse("""
                - scenario: Times beyond bounds
                  now: 1999-12-31
                  account: { segment: LOW_TOUCH, stage: VALUE, startedOn: 1969-12-31, renewalOn: +99999999999d }
                  signals:
                    - ticket: { at: -99999999999d, priority: P2 }
                    - ticket: { at: -36526d, priority: P2 }
                    - nps: { at: +876601h, score: 3 }
                    - csat: { at: 2100-01-01, score: 3 }
                    - usage: { feature: core, from: -99999999999999999999999d, to: now, daily: 1 }
                  milestones: [ { type: ACTIVATED, at: 1999-12-31T23:59:59Z } ]
                  ended: [ { play: save-usage-drop, started: -9999999999999999m } ]
                  expect: { plays: [] }
                """);

        String beyond = " is more than 36525 days from now (times lie between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z)";
        assertThat(problems()).containsExactly(
                "tests/churn.yml:2: scenario \"Times beyond bounds\": now: '1999-12-31' is 1999-12-31T00:00:00Z, not between "
                        + "2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
                "tests/churn.yml:3: account: startedOn: '1969-12-31' is not between 1970-01-01 and 2199-12-31",
                "tests/churn.yml:3: account: renewalOn: '+99999999999d'" + beyond,
                "tests/churn.yml:5: signal 1 (ticket): at: '-99999999999d'" + beyond,
                "tests/churn.yml:6: signal 2 (ticket): at: '-36526d'" + beyond,
                "tests/churn.yml:7: signal 3 (nps): at: '+876601h'" + beyond,
                "tests/churn.yml:8: signal 4 (csat): at: '2100-01-01' is 2100-01-01T00:00:00Z, not between "
                        + "2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
                "tests/churn.yml:9: signal 5 (usage): from: '-99999999999999999999999d'" + beyond,
                "tests/churn.yml:10: milestone 1: at: '1999-12-31T23:59:59Z' is not between 2000-01-01T00:00:00Z and "
                        + "2100-01-01T00:00:00Z",
                "tests/churn.yml:11: ended play 1: started: '-9999999999999999m'" + beyond);
    }

    @Test
    void a_usage_range_spans_at_most_the_days_facts_read_back_and_has_one_length_whatever_the_day() {
        List<Scenario> read = parse("""
                - scenario: Ranges too long or of no one length
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, from: -367d, to: now, daily: 1 }
                    - usage: { feature: core, from: 2000-01-01, to: 2099-12-31, daily: 1 }
                    - usage: { feature: core, from: 2026-01-01, to: now, daily: 1 }
                    - usage: { feature: core, from: -366d, to: now, daily: 1 }
                  expect: { plays: [] }
                - scenario: A date and a relative time, with a now
                  now: 2026-03-02
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                    - usage: { feature: core, from: 2026-01-01, to: now, daily: 1 }
                    - usage: { feature: core, from: 2025-01-01, to: -1d, daily: 1 }
                  expect: { plays: [] }
                """);

        assertThat(problems()).containsExactly(
                "tests/churn.yml:4: signal 1 (usage): from: the range is 367 days long; at most 366 (the days of use facts "
                        + "read back)",
                "tests/churn.yml:5: signal 2 (usage): from: the range is 36524 days long; at most 366 (the days of use facts "
                        + "read back)",
                "tests/churn.yml:6: signal 3 (usage): from: and to are one a date, one relative to now: give the scenario a "
                        + "now, or write both the same way, so the range has one length whatever the day it runs",
                "tests/churn.yml:14: signal 2 (usage): from: the range is 424 days long; at most 366 (the days of use facts "
                        + "read back)");
        assertThat(read).isEmpty();
    }

    /**
     * Each scenario's signals are made when it runs: a posted file of hundreds of scenarios, each within its own
     * bound, would hold millions at once.
     */
    @Test
    void a_file_whose_scenarios_make_more_signals_together_than_a_file_may_is_refused_at_the_scenario_that_passes_it() {
        String year = "    - usage: { feature: core, from: -365d, to: now, daily: 1 }\n";
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            file.append("""
                    - scenario: Years of use %d
                      account: { segment: LOW_TOUCH, stage: VALUE }
                      signals:
                    %s  expect: { plays: [] }
                    """.formatted(i, year.repeat(27)));
        }

        List<Scenario> read = parse(file.toString());

        assertThat(read).isEmpty();
        assertThat(problems()).containsExactly("tests/churn.yml:311: the scenarios up to this one make 108702 signals together; "
                + "a file's make at most 100000: split it");
    }

    @Test
    void a_scenario_whose_lines_make_more_signals_than_one_account_needs_is_refused_at_its_signals() {
        String year = "    - usage: { feature: core, from: -365d, to: now, daily: 1 }\n";
        List<Scenario> read = parse("""
                - scenario: Years of use, many times over
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  signals:
                %s  expect: { plays: [] }
                """.formatted(year.repeat(28)));

        assertThat(read).isEmpty();
        assertThat(problems()).containsExactly("tests/churn.yml:3: scenario \"Years of use, many times over\": signals: make "
                + "10248 signals; at most 10000 (a usage range makes one a day)");
    }

    @Test
    void given_texts_longer_than_the_intake_stores_or_with_control_characters_each_is_refused_at_its_line() {
        parse("""
                - scenario: "Texts beyond bounds"
                  account: { segment: LOW_TOUCH, stage: VALUE, id: %s, name: "Ac\\0me", csm: "a\\u0007@acme.test", plan: "p\\tq",
                             timezone: %s }
                  contacts: [ { role: CHAMPION, email: "a\\u0000@acme.test", name: %s, timezone: "Europe/\\u0085Paris" } ]
                  signals:
                    - usage: { feature: "core\\nplus", at: -1d }
                    - ticket: { at: -1d, priority: P2, id: "T\\u00001", subject: %s }
                    - billing: { at: -1d, event: INVOICE_PAID, amount: 10, currency: "US\\rD" }
                    - nps: { at: -1d, score: 3, comment: "Slow,\\n\\tand \\u0000then", contact: %s }
                    - csat: { at: -1d, score: 3, ticket: %s, contact: "x\\u001b@acme.test" }
                    - contact: { at: -1d, change: BECAME_INACTIVE, email: "pat\\u0000@acme.test" }
                  expect: { plays: [] }
                """.formatted("i".repeat(201), "z".repeat(201), "n".repeat(321), "s".repeat(10_001), "e".repeat(321),
                "t".repeat(201)));

        assertThat(problems()).containsExactly(
                "tests/churn.yml:2: account: id: is 201 characters long; at most 200",
                "tests/churn.yml:2: account: name: 'Ac\\u0000me' contains a control character (U+0000) at position 3",
                "tests/churn.yml:2: account: csm: 'a\\u0007@acme.test' contains a control character (U+0007) at position 2",
                "tests/churn.yml:2: account: plan: 'p\\u0009q' contains a control character (U+0009) at position 2",
                "tests/churn.yml:3: account: timezone: is 201 characters long; at most 200",
                "tests/churn.yml:4: contact 1: email: 'a\\u0000@acme.test' contains a control character (U+0000) at position 2",
                "tests/churn.yml:4: contact 1: name: is 321 characters long; at most 320",
                "tests/churn.yml:4: contact 1: timezone: 'Europe/\\u0085Paris' contains a control character (U+0085) at position 8",
                "tests/churn.yml:6: signal 1 (usage): feature: 'core\\u000aplus' contains a control character (U+000A) at position 5",
                "tests/churn.yml:7: signal 2 (ticket): id: 'T\\u00001' contains a control character (U+0000) at position 2",
                "tests/churn.yml:7: signal 2 (ticket): subject: is 10001 characters long; at most 10000",
                "tests/churn.yml:8: signal 3 (billing): currency: 'US\\u000dD' contains a control character (U+000D) at position 3",
                "tests/churn.yml:9: signal 4 (nps): comment: 'Slow,\\u000a\\u0009and \\u0000then' contains a control character (U+0000) "
                        + "at position 12",
                "tests/churn.yml:9: signal 4 (nps): contact: is 321 characters long; at most 320",
                "tests/churn.yml:10: signal 5 (csat): ticket: is 201 characters long; at most 200",
                "tests/churn.yml:10: signal 5 (csat): contact: 'x\\u001b@acme.test' contains a control character (U+001B) at position 2",
                "tests/churn.yml:11: signal 6 (contact): email: 'pat\\u0000@acme.test' contains a control character (U+0000) "
                        + "at position 4");
    }

    @Test
    void a_scenario_name_and_any_value_a_problem_repeats_are_shown_as_the_intake_shows_them() {
        parse("""
                - scenario: %s
                  account: { segment: "LOW\\u0000TOUCH", stage: VALUE, "odd\\u0000key": 1 }
                  signals:
                    - ticket: { at: "-1\\u0000d", priority: P2 }
                  expect: { plays: [ "save\\u0000it" ] }
                - scenario: "On two\\nlines"
                  account: { segment: LOW_TOUCH, stage: VALUE }
                  expect: { plays: [] }
                """.formatted("w".repeat(321)));

        String shownName = "w".repeat(60) + "… (321 characters)";
        assertThat(problems()).containsExactly(
                "tests/churn.yml:1: scenario \"" + shownName + "\": scenario: is 321 characters long; at most 320",
                "tests/churn.yml:2: account: unknown field 'odd\\u0000key' (known: id, name, segment, stage, csm, arr, plan, "
                        + "startedOn, renewalOn, timezone)",
                "tests/churn.yml:2: account: segment: 'LOW\\u0000TOUCH' is not one of HIGH_TOUCH, LOW_TOUCH, TECH_TOUCH",
                "tests/churn.yml:4: signal 1 (ticket): at: '-1\\u0000d' is not a time; write now, -20d, +3d, -4h, 2026-03-01 "
                        + "or 2026-03-01T10:00:00Z",
                "tests/churn.yml:5: expect: plays: play 'save\\u0000it' is not in rules/plays/ (plays: save-usage-drop, "
                        + "ticket-escalation)",
                "tests/churn.yml:6: scenario \"On two\\u000alines\": scenario: 'On two\\u000alines' contains a control character "
                        + "(U+000A) at position 7");
    }
}
