package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenarios run against the starter rules: what starts, what is held back, and failures in words. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioRunnerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
    private final ScenarioSuite suite = new ScenarioSuite(Clock.fixed(NOW, ZoneOffset.UTC));

    /** The starter rules and one more file. */
    static RuleSet starterWith(String path, String drl) {
        List<RuleFile> files = new ArrayList<>(RuleSetFiles.read(Path.of("../rules")).files());
        files.add(new RuleFile(path, drl));
        return new RuleSetCompiler().compile(RuleSetFiles.of(files));
    }

    ScenarioResult run(String yaml) {
        ScenarioReport report = suite.run(rules, "tests/example.yml", yaml);
        assertThat(report.results()).hasSize(1);
        return report.results().get(0);
    }

    static String usageFell(String segment, int recentDaily, String expect) {
        return """
                - scenario: Core usage fell
                  account: { segment: %s, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - usage: { feature: core, from: -56d, to: -29d, daily: 100 }
                    - usage: { feature: core, from: -28d, to: now, daily: %d }
                  expect: %s
                """.formatted(segment, recentDaily, expect);
    }

    @Test
    void given_a_60_percent_fall_then_the_save_play_starts_with_why() {
        ScenarioResult result = run(usageFell("HIGH_TOUCH", 40, "{ plays: [ save-usage-drop ], healthBand: POOR }"));

        assertThat(result.passed()).as(result.failures().toString()).isTrue();
        assertThat(result.outcome().started()).singleElement().satisfies(s -> {
            assertThat(s.why().rule()).isEqualTo("Core usage dropped and stayed down (high touch): save play for the CSM");
            assertThat(s.why().ruleSetVersion()).isEqualTo(rules.version());
            assertThat(s.why().matchedFacts()).containsKeys("account", "usageTrend");
        });
        assertThat(result.outcome().now()).isEqualTo(NOW);
        // rules/health.yml: usage 25 (60% of the way to the 80% fall that scores 0, for four weeks) * 0.55 + support
        // 100 * 0.15 + billing 100 * 0.1 + sentiment 70 * 0.1 + relationship 0 * 0.1 = 45.75, rounded 46.
        assertThat(result.outcome().health().score()).isEqualTo(46);
    }

    @Test
    void given_a_rule_that_churns_the_account_then_no_play_for_customers_starts_in_the_same_evaluation() {
        // Fires after the starter detractor rule (salience below it): the order the rules fire in does not matter.
        RuleSet withChurnRule = starterWith("journey/said-goodbye.drl", """
                package journey;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;

                rule "An NPS comment that says they cancelled: the account churned"
                salience -10
                when
                    $a : Account( stage != Stage.CHURNED )
                    NpsSignal( accountId == $a.id, comment == "We cancelled" )
                then
                    playbook.moveStage($a, Stage.CHURNED);
                end
                """);

        ScenarioReport report = suite.run(withChurnRule, "tests/goodbye.yml", """
                - scenario: A detractor answer that says they cancelled
                  account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - nps: { at: now, score: 0, comment: "We cancelled" }
                  expect: { plays: [], stage: CHURNED }
                """);

        ScenarioResult result = report.results().get(0);
        assertThat(result.passed()).as(result.failures().toString()).isTrue();
        assertThat(result.outcome().heldBack()).isNotEmpty()
                .allSatisfy(h -> assertThat(h.reason()).isEqualTo("the account churned"));
    }

    @Test
    void given_a_rule_on_csat_answers_then_it_fires_on_the_last_90_days_only_and_names_the_fact() {
        RuleSet withCsatRule = starterWith("churn/unhappy-csat.drl", """
                package churn;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;

                rule "Most CSAT answers of the last 90 days were unhappy: call them back"
                when
                    $a : Account()
                    CsatAnswers( accountId == $a.id, answers90d >= 3, satisfiedPct < 50 )
                then
                    playbook.start("nps-detractor", $a);
                end
                """);

        ScenarioReport report = suite.run(withCsatRule, "tests/csat.yml", """
                - scenario: Two of three answers unhappy
                  account: { segment: LOW_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - csat: { at: -80d, score: 5 }
                    - csat: { at: -30d, score: 2 }
                    - csat: { at: -3d, score: 1 }
                  expect: { plays: [ nps-detractor ] }
                - scenario: The unhappy answer of 100 days ago no longer counts
                  account: { segment: LOW_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - csat: { at: -100d, score: 1 }
                    - csat: { at: -30d, score: 2 }
                    - csat: { at: -3d, score: 1 }
                  expect: { plays: [] }
                """);

        assertThat(report.results()).allSatisfy(r -> assertThat(r.passed()).as(r.failures().toString()).isTrue());
        assertThat(report.results().get(0).outcome().started()).singleElement()
                .satisfies(s -> assertThat(s.why().matchedFacts()).containsKeys("account", "csatAnswers"));
    }

    @Test
    void given_a_30_percent_fall_when_a_save_play_is_expected_then_the_failure_shows_expected_actual_and_the_facts() {
        ScenarioResult result = run(usageFell("LOW_TOUCH", 70, "{ plays: [ save-usage-drop ] }"));

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).singleElement().asString()
                .startsWith("expected plays [save-usage-drop] but started [] — rules that fired: none; "
                        + "rule \"Core usage dropped and stayed down (low touch): save play for the CSM\" needs "
                        + "Account(segment == Segment.LOW_TOUCH, stage != Stage.ONBOARDING) and "
                        + "UsageTrend(feature == \"core\", hasUsualWeek, sustainedChangePct <= -35, dropSignificance >= 3); here ")
                .contains("Account segment was LOW_TOUCH, stage was VALUE")
                .contains("UsageTrend(core) hasUsualWeek was true, sustainedChangePct was -30.0")
                .contains("; rule \"Core usage dropped and stayed down (high touch): save play for the CSM\" is only for "
                        + "Account(segment == Segment.HIGH_TOUCH)");
    }

    @Test
    void given_an_unexpected_play_then_the_failure_names_the_rule_that_started_it_and_what_it_matched() {
        ScenarioResult result = run(usageFell("HIGH_TOUCH", 40, "{ plays: [] }"));

        assertThat(result.failures()).singleElement().asString()
                .startsWith("expected plays [] but started [save-usage-drop] — rules that fired: "
                        + "\"Core usage dropped and stayed down (high touch): save play for the CSM\"; save-usage-drop was started by "
                        + "rule \"Core usage dropped and stayed down (high touch): save play for the CSM\", which matched ")
                .contains("UsageTrend(core) hasUsualWeek was true, sustainedChangePct was -60.0");
    }

    @Test
    void given_the_play_is_already_running_then_it_is_held_back_and_a_failure_says_so() {
        ScenarioResult result = run(usageFell("HIGH_TOUCH", 40, "{ plays: [ save-usage-drop ] }")
                .replace("  signals:", "  running: [ save-usage-drop ]\n  signals:"));

        assertThat(result.outcome().heldBack()).singleElement()
                .satisfies(h -> assertThat(h.reason()).isEqualTo("it is already running"));
        assertThat(result.failures()).singleElement().asString().endsWith("save-usage-drop was asked for by rule "
                + "\"Core usage dropped and stayed down (high touch): save play for the CSM\" but held back: it is already running");
    }

    @Test
    void given_the_play_ran_10_days_ago_then_it_is_in_its_cooldown_and_after_40_days_it_is_not() {
        String ranTenDaysAgo = usageFell("HIGH_TOUCH", 40, "{ plays: [] }")
                .replace("  signals:", "  ended: [ { play: save-usage-drop, started: -10d } ]\n  signals:");
        String ranFortyDaysAgo = usageFell("HIGH_TOUCH", 40, "{ plays: [ save-usage-drop ] }")
                .replace("  signals:", "  ended: [ { play: save-usage-drop, started: -40d } ]\n  signals:");

        assertThat(run(ranTenDaysAgo).passed()).isTrue();
        assertThat(run(ranTenDaysAgo).outcome().heldBack()).singleElement().satisfies(h -> assertThat(h.reason())
                .isEqualTo("it is in its 30-day cooldown (last started 2026-02-20T10:00:00Z)"));
        assertThat(run(ranFortyDaysAgo).passed()).isTrue();
    }

    @Test
    void given_first_value_then_the_milestone_and_stage_move_and_wrong_expectations_say_what_happened_instead() {
        ScenarioResult result = run("""
                - scenario: First value
                  account: { segment: TECH_TOUCH, stage: ONBOARDING, startedOn: -20d }
                  signals:
                    - usage: { feature: core, from: -13d, to: now, daily: 10 }
                  expect: { milestones: [ ACTIVATED ], stage: VALUE, healthBand: POOR }
                """);

        assertThat(result.outcome().milestonesReached()).containsExactly(dev.tenure.engine.vocabulary.MilestoneType.FIRST_VALUE);
        assertThat(result.failures()).containsExactly(
                "expected milestones [ACTIVATED] but reached [FIRST_VALUE] — rules that fired: "
                        + "\"Onboarding account reached first value: congratulate and move to adoption\"",
                "expected stage VALUE but it was ADOPTION — rules that fired: "
                        + "\"Onboarding account reached first value: congratulate and move to adoption\"",
                "expected health band POOR but it was GOOD (score 71: usage 70 (no usual week to compare with yet); "
                        + "support 100 (0 open P1/P2, 0 other open tickets); billing 100 (payments current); "
                        + "sentiment 70 (no NPS answer yet, no CSAT answer in 90 days); relationship 0 (no active champion, no active executive sponsor))");
    }

    @Test
    void given_an_nps_answer_older_than_7_days_then_it_is_no_event_and_the_failure_says_none_arrived() {
        ScenarioResult result = run("""
                - scenario: Old detractor
                  account: { segment: HIGH_TOUCH, stage: VALUE }
                  signals:
                    - nps: { at: -8d, score: 3 }
                  expect: { plays: [ nps-detractor ] }
                """);

        assertThat(result.outcome().arrived()).isEmpty();
        assertThat(result.outcome().facts().lastNps()).isEqualTo(3);
        assertThat(result.failures()).singleElement().asString()
                .contains("here no NpsSignal arrived in the last 7 days");
    }

    @Test
    void given_no_now_then_the_scenario_runs_at_the_current_time_and_relative_dates_follow_it() {
        ScenarioResult result = run("""
                - scenario: QBR soon
                  account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -350d }
                  expect: { plays: [] }
                """);

        assertThat(result.passed()).isTrue();
        assertThat(result.outcome().facts().account().startedOn()).isEqualTo(NOW.atZone(ZoneOffset.UTC).toLocalDate().minusDays(350));
        assertThat(result.outcome().facts().qbr().daysUntil()).isEqualTo(10);
    }

    @Test
    void a_whole_pack_runs_well_under_a_second_once_compiled() {
        suite.run(rules);

        ScenarioReport report = suite.run(rules);

        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.results()).hasSizeGreaterThan(20);
        assertThat(report.took()).isLessThan(java.time.Duration.ofMillis(500));
    }

    @Test
    void the_report_text_has_a_line_per_scenario_and_spells_out_failures() {
        ScenarioReport report = suite.run(rules, "tests/mixed.yml", usageFell("HIGH_TOUCH", 40, "{ plays: [ save-usage-drop ] }")
                + usageFell("LOW_TOUCH", 70, "{ plays: [ save-usage-drop ] }").replace("Core usage fell", "Not enough"));

        assertThat(report.passed()).isFalse();
        assertThat(report.text().lines().toList())
                .startsWith("Scenarios of rule set " + rules.version(),
                        "  ok    tests/mixed.yml:1  Core usage fell",
                        "  FAIL  tests/mixed.yml:7  Not enough")
                .last().asString().startsWith("2 scenarios: 1 passed, 1 failed (");
        assertThat(List.of(report.passedCount(), report.failedCount())).containsExactly(1L, 1L);
    }

    @Test
    void given_contact_lines_then_each_change_arrives_complete_and_the_contacts_are_as_the_changes_left_them() {
        ScenarioResult result = run("""
                - scenario: People changed
                  account: { id: acme, segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
                  contacts: [ { role: CHAMPION, email: ana@acme.test }, { role: ADMIN } ]
                  signals:
                    - contact: { at: -20d, role: ADMIN, change: ROLE_CHANGED, to: EXEC_SPONSOR }
                    - contact: { at: -3d, change: ADDED, role: CHAMPION }
                    - contact: { at: -2d, email: ana@acme.test, change: BECAME_INACTIVE }
                    - contact: { at: +1d, email: ana@acme.test, change: BECAME_ACTIVE }
                  expect: { plays: [] }
                """);

        assertThat(result.passed()).as(result.failures().toString()).isTrue();
        assertThat(result.outcome().arrived()).as("the last 7 days' changes; the role change is older, the return later")
                .extracting(s -> (dev.tenure.engine.vocabulary.ContactSignal) s)
                .extracting(c -> c.email() + " " + c.change() + " " + c.oldValue() + "->" + c.newValue() + " " + c.role()
                        + (c.active() ? " active" : " inactive"))
                .containsExactly("champion2@acme.test ADDED null->CHAMPION CHAMPION active",
                        "ana@acme.test BECAME_INACTIVE true->false CHAMPION inactive");
        assertThat(result.outcome().facts().contacts())
                .extracting(c -> c.email() + " " + c.role() + (c.active() ? " active" : " inactive"))
                .containsExactly("ana@acme.test CHAMPION inactive", "admin@acme.test EXEC_SPONSOR active",
                        "champion2@acme.test CHAMPION active");
    }

    @Test
    void given_a_contact_change_stamped_within_a_fast_clocks_drift_ahead_then_the_contact_is_changed_as_the_change_arrived() {
        // Live, such a change is taken in and the contact changed at once, so champion-left starts; a change further
        // ahead has not happened: it neither arrives nor changes the contact.
        long drift = dev.tenure.engine.accounts.Lifecycle.CLOCK_DRIFT.toMinutes();
        ScenarioReport report = suite.run(rules, "tests/example.yml", """
                - scenario: The champion left, stamped by a clock a few minutes fast
                  account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
                  contacts: [ { role: CHAMPION, email: ana@acme.test } ]
                  signals:
                    - contact: { at: +%dm, email: ana@acme.test, change: BECAME_INACTIVE }
                  expect: { plays: [ champion-left ] }
                - scenario: The champion leaves later than a fast clock's drift
                  account: { segment: HIGH_TOUCH, stage: VALUE, startedOn: -400d, renewalOn: +200d }
                  contacts: [ { role: CHAMPION, email: ana@acme.test } ]
                  signals:
                    - contact: { at: +%dm, email: ana@acme.test, change: BECAME_INACTIVE }
                  expect: { plays: [] }
                """.formatted(drift, drift + 1));

        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.results()).extracting(r -> r.outcome().arrived().size() + " arrived, champion "
                        + (r.outcome().facts().contacts().get(0).active() ? "active" : "inactive"))
                .containsExactly("1 arrived, champion inactive", "0 arrived, champion active");
    }

    @Test
    void given_a_cancellation_among_the_signals_then_the_account_is_churned_and_plays_for_customers_are_held_back() {
        ScenarioResult result = run("""
                - scenario: Paid late, then left
                  account: { segment: LOW_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - billing: { at: -10d, event: PAYMENT_FAILED, amount: 100 }
                    - billing: { at: -1d, event: SUBSCRIPTION_CANCELLED }
                  expect: { plays: [ win-back ], stage: CHURNED }
                """);

        assertThat(result.passed()).as(result.failures().toString()).isTrue();
        assertThat(result.outcome().facts().account().stage()).isEqualTo(dev.tenure.engine.vocabulary.Stage.CHURNED);
        assertThat(result.outcome().heldBack()).extracting(ScenarioOutcome.HeldBackPlay::play, ScenarioOutcome.HeldBackPlay::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("failed-payment", "the account churned"));
    }

    @Test
    void given_a_reactivation_after_the_cancellation_then_the_account_is_back_at_its_stage() {
        ScenarioResult result = run("""
                - scenario: Left and came back
                  account: { segment: LOW_TOUCH, stage: EXPANSION, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - billing: { at: -20d, event: SUBSCRIPTION_CANCELLED }
                    - billing: { at: -2d, event: SUBSCRIPTION_REACTIVATED }
                  expect: { playsExclude: [ win-back ], stage: EXPANSION }
                """);

        assertThat(result.passed()).as(result.failures().toString()).isTrue();
    }
}
