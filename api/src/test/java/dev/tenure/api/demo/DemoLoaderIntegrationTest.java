package dev.tenure.api.demo;

import dev.tenure.api.people.ApiTokens;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import dev.tenure.engine.health.ChurnOutcome;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthReports;
import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.MrrMovements;
import dev.tenure.engine.metrics.QbrCompletion;
import dev.tenure.engine.metrics.QbrReport;
import dev.tenure.engine.metrics.ReportPeriod;
import dev.tenure.engine.metrics.Revenue;
import dev.tenure.engine.metrics.Surveys;
import dev.tenure.engine.metrics.TimeToValueReport;
import dev.tenure.engine.outcomes.Arm;
import dev.tenure.engine.outcomes.GoalStatus;
import dev.tenure.engine.outcomes.OutcomeQuery;
import dev.tenure.engine.outcomes.PlayOutcome;
import dev.tenure.engine.outcomes.PlayOutcomes;
import dev.tenure.engine.outcomes.RunOutcome;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started with {@code --demo}, the application loads the demo data set through the real intake and the
 * repository's rule set, and each story starts the plays it is there to show. The context is closed
 * afterwards, so its scheduler does not go on working the demo's plays during other tests. Its Quartz
 * scheduler has its own name: Quartz keeps schedulers and their connections by name for the whole JVM,
 * and closing this context would otherwise close the data source of the API tests' scheduler.
 */
@SpringBootTest(args = "--demo", properties = "spring.quartz.scheduler-name=tenure-demo-test")
@DirtiesContext
class DemoLoaderIntegrationTest {

    @Autowired
    DemoLoader loader;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    DemoPeople demoPeople;
    @Autowired
    People people;
    @Autowired
    ApiTokens tokens;
    @Autowired
    PlayOutcomes outcomes;
    @Autowired
    HealthReports healthReports;
    @Autowired
    Revenue revenue;
    @Autowired
    Surveys surveys;
    @Autowired
    TimeToValueReport timeToValue;
    @Autowired
    QbrReport qbrs;

    static Set<String> playsOf(DemoAccount account) {
        String saveUsageDrop = account.account().segment() == Segment.TECH_TOUCH
                ? "save-usage-drop-tech-touch" : "save-usage-drop";
        return switch (account.story()) {
            case STEADY -> Set.of();
            case USAGE_DROP -> Set.of(saveUsageDrop);
            case HIGH_PRIORITY_TICKETS -> Set.of("ticket-escalation");
            case PAYMENT_FAILED -> Set.of("failed-payment");
            case DETRACTOR -> Set.of("nps-detractor");
            case FIRST_VALUE -> Set.of("first-value-congrats");
            case ONBOARDING_STALLED -> Set.of("onboarding-nudge");
            // The renewal cadence's routine runs beside the risk rule's save plan.
            case RENEWAL_RISK -> Set.of("renewal-risk", saveUsageDrop, "renewal-cadence");
            case QBR_DUE -> Set.of("qbr");
        };
    }

    @Test
    void each_story_starts_its_plays_on_load_and_steady_accounts_start_none() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, Set<String>> started = jdbc
                .sql("SELECT account_id, play_id FROM play_run WHERE account_id LIKE 'demo-%' AND started_at > ?")
                .param(java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(row -> row.get(0), Collectors.mapping(row -> row.get(1),
                        Collectors.toCollection(TreeSet::new))));

        List<DemoAccount> accounts = new DemoData().accounts(today);
        assertThat(count("SELECT count(*) FROM account WHERE id LIKE 'demo-%'"))
                .isEqualTo(accounts.size() + FormerCustomers.ALL.size());
        for (FormerCustomers former : FormerCustomers.ALL) {
            assertThat(started.getOrDefault(former.id(), Set.of())).as(former.id()).isEmpty();
        }
        // Their cancellations made them CHURNED as they were stored.
        assertThat(count("SELECT count(*) FROM account WHERE id LIKE 'demo-%' AND stage = 'CHURNED'"))
                .isEqualTo(FormerCustomers.ALL.size());
        for (DemoAccount account : accounts) {
            assertThat(started.getOrDefault(account.id(), Set.of())).as("%s (%s)", account.id(), account.story())
                    .isEqualTo(playsOf(account));
        }
    }

    @Test
    void the_past_save_plays_show_as_outcomes_each_reached_exactly_when_its_usage_came_back() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, PastSavePlay> past = new DemoData().pastSavePlays(today);
        Instant now = clock.instant();
        List<RunOutcome> runs = outcomes.runs(new OutcomeQuery(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)), null, null), now).stream()
                .filter(r -> r.accountId().startsWith("demo-")).toList();

        assertThat(runs).extracting(RunOutcome::accountId).containsExactlyInAnyOrderElementsOf(past.keySet());
        assertThat(runs).hasSizeGreaterThan(15).allSatisfy(run -> {
            PastSavePlay play = past.get(run.accountId());
            assertThat(run.arm() == Arm.HOLDOUT).as(run.accountId()).isEqualTo(play.heldOut());
            assertThat(run.status()).as(run.accountId())
                    .isEqualTo(play.recoveredAfter() == null ? GoalStatus.MISSED : GoalStatus.REACHED);
        });
        PlayOutcome save = outcomes.report(new OutcomeQuery(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)), "save-usage-drop", null), now).get(0);
        assertThat(save.enrolled().runs()).isPositive();
        assertThat(save.holdout().runs()).isPositive();
        assertThat(save.liftPoints()).isNotNull();
    }

    @Test
    void the_former_customers_show_in_the_churn_report_by_the_band_they_had_and_health_has_a_past() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));

        ChurnReport report = healthReports.churn(today.minusDays(90), today, null, null, null);

        // Only the former customers: a live account whose MRR history has a contraction in the period is lost too.
        Set<String> former = FormerCustomers.ALL.stream().map(FormerCustomers::id).collect(Collectors.toSet());
        Map<String, Set<String>> lostByBand = report.bands().stream().collect(Collectors.toMap(ChurnReport.BandRow::band,
                b -> b.lost().stream().map(ChurnOutcome::accountId).filter(former::contains)
                        .collect(Collectors.toCollection(TreeSet::new))));
        assertThat(lostByBand.get("POOR")).containsExactlyInAnyOrder("demo-wildflower-events", "demo-basalt-mining-supply",
                "demo-gullwing-travel", "demo-marigold-bakery", "demo-sable-fitness");
        assertThat(lostByBand.get("AVERAGE")).containsExactly("demo-opal-coast-dental");
        assertThat(lostByBand.get("GOOD")).containsExactly("demo-birchwood-academy");
        assertThat(report.bands().get(2).lost()).filteredOn(o -> o.accountId().equals("demo-basalt-mining-supply"))
                .singleElement().satisfies(o -> {
                    assertThat(o.contracted()).isTrue();
                    assertThat(o.leadDays()).isBetween(75L, 85L);
                });
        // Every demo account has a score from 26 weeks ago (or its start) up to today's.
        assertThat(count("SELECT count(*) FROM health_score WHERE account_id = 'demo-northwind-logistics'"))
                .isGreaterThanOrEqualTo(HealthHistory.WEEKS + 1);
    }

    @Test
    void starting_again_with_demo_data_stored_loads_nothing() {
        long signals = count("SELECT count(*) FROM all_signals WHERE account_id LIKE 'demo-%'");
        long plays = count("SELECT count(*) FROM play_run WHERE account_id LIKE 'demo-%'");

        loader.run(new DefaultApplicationArguments("--demo"));

        assertThat(signals).isGreaterThan(10_000);
        assertThat(count("SELECT count(*) FROM all_signals WHERE account_id LIKE 'demo-%'")).isEqualTo(signals);
        assertThat(count("SELECT count(*) FROM play_run WHERE account_id LIKE 'demo-%'")).isEqualTo(plays);
    }

    @Test
    void the_metrics_of_each_demo_csm_show_a_year_of_revenue_movements_surveys_time_to_value_and_qbrs() {
        ReportPeriod year = ReportPeriod.twelveMonthsTo(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        MrrMovements moved = MrrMovements.NONE;
        int csatAnswers = 0, reachedFirstValue = 0, qbrsDue = 0, qbrsDone = 0;
        for (String csm : DemoAccounts.CSMS) {
            MrrMovements m = revenue.report(year, GroupBy.CSM, csm).total().figures().movements();
            moved = new MrrMovements(moved.startingMrr().add(m.startingMrr()), moved.newMrr().add(m.newMrr()),
                    moved.reactivation().add(m.reactivation()), moved.expansion().add(m.expansion()),
                    moved.contraction().add(m.contraction()), moved.churn().add(m.churn()), moved.endingMrr().add(m.endingMrr()),
                    moved.accountsAtStart() + m.accountsAtStart(), moved.accountsChurned() + m.accountsChurned());
            csatAnswers += surveys.report(year, GroupBy.CSM, csm).total().figures().csat().responses();
            reachedFirstValue += timeToValue.report(year, GroupBy.CSM, csm).total().figures().reached();
            QbrCompletion q = qbrs.report(year, GroupBy.CSM, csm).total().figures();
            qbrsDue += q.due();
            qbrsDone += q.done();
        }
        assertThat(moved.startingMrr()).isPositive();
        assertThat(moved.expansion()).isPositive();
        assertThat(moved.contraction()).isPositive();
        assertThat(moved.newMrr()).isPositive();
        // Paused subscriptions show month by month (churned, then reactivated); over the year they net out.
        assertThat(revenue.report(year, GroupBy.MONTH, DemoAccounts.CSMS.get(0)).rows()).isNotEmpty();
        assertThat(DemoAccounts.CSMS.stream().flatMap(c -> revenue.report(year, GroupBy.MONTH, c).rows().stream())
                .map(r -> r.figures().movements())).anyMatch(m -> m.churn().signum() > 0)
                .anyMatch(m -> m.reactivation().signum() > 0);
        assertThat(csatAnswers).isPositive();
        assertThat(reachedFirstValue).isPositive();
        assertThat(qbrsDue).isGreaterThan(qbrsDone);
        assertThat(qbrsDone).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM task t JOIN play_run r ON r.id = t.run_id WHERE r.play_id = 'qbr' AND t.status = 'OPEN'"
                + " AND t.owner = ? AND t.due_at < ?").params(JourneyHistory.PICTURED_CSM, java.sql.Timestamp.from(clock.instant()))
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_newcomer_can_sign_in_as_a_demo_csm_or_as_cs_ops_and_each_start_gives_one_working_api_token() {
        assertThat(people.find("dana.reyes@tenure.example").orElseThrow().roles()).containsExactly(Role.CSM);
        assertThat(people.find("dana.reyes@tenure.example").orElseThrow().displayName()).isEqualTo("Dana Reyes");
        assertThat(people.passwordMatches("dana.reyes@tenure.example", DemoPeople.PASSWORD)).isTrue();
        assertThat(people.find(DemoPeople.OPS).orElseThrow().roles()).containsExactlyInAnyOrder(Role.CS_OPS, Role.ADMIN);

        demoPeople.run(new DefaultApplicationArguments("--demo"));

        assertThat(tokens.list()).filteredOn(t -> t.owner().equals(DemoPeople.OPS) && !t.revoked()).hasSize(1);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
