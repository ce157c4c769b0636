package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The scoring arithmetic on alerts given by hand: the window's edges, late alerts, early cancellations, rates. */
class ChurnScoreUnitTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    /** 180 days. */
    static final Instant TO = FROM.plus(Duration.ofDays(180));
    static final int WINDOW_DAYS = 90;

    final Map<String, Instant> cancellations = new HashMap<>();
    final Map<String, ZoneId> zones = new HashMap<>();
    final List<Alert> alerts = new ArrayList<>();

    ChurnScoreUnitTest cancels(String account, int day) {
        cancellations.put(account, day(day));
        return this;
    }

    ChurnScoreUnitTest alert(String account, Instant at) {
        alerts.add(Alert.of(account, "rule", "play", "churn/rule.drl", true, at, cancellations.get(account), 90, ZoneOffset.UTC));
        return this;
    }

    ChurnScore score(int accounts) {
        return ChurnScore.of(alerts, cancellations, zones, accounts, FROM, TO, WINDOW_DAYS);
    }

    static Instant day(int day) {
        return FROM.plus(Duration.ofDays(day));
    }

    @Test
    void an_alert_exactly_the_window_before_the_cancellation_catches_it_and_one_a_minute_earlier_does_not() {
        cancels("a", 150).alert("a", day(60));
        cancels("b", 150).alert("b", day(60).minus(Duration.ofMinutes(1)));

        ChurnScore score = score(2);

        assertThat(alerts).extracting(Alert::caught).containsExactly(true, false);
        assertThat(alerts.get(1).leadDays()).as("the lead is still told").isEqualTo(90.0);
        assertThat(score.caughtAccounts()).isEqualTo(1);
        assertThat(score.alertedAccounts()).isEqualTo(2);
        assertThat(score.precision()).isEqualTo(0.5);
        assertThat(score.recall()).isEqualTo(0.5);
        assertThat(score.medianLeadDays()).isEqualTo(90.0);
    }

    @Test
    void an_alert_at_or_after_the_cancellation_warned_nobody_and_is_not_scored() {
        cancels("a", 100).alert("a", day(100)).alert("a", day(120));

        ChurnScore score = score(10);

        assertThat(alerts).allMatch(Alert::afterCancellation).noneMatch(Alert::caught);
        assertThat(alerts).extracting(Alert::leadDays).containsOnlyNulls();
        assertThat(score.alerts()).isZero();
        assertThat(score.alertedAccounts()).isZero();
        assertThat(score.precision()).as("nobody alerted").isNull();
        assertThat(score.recall()).isZero();
        assertThat(score.medianLeadTime()).isNull();
    }

    @Test
    void of_two_alerts_one_outside_the_window_the_one_inside_catches_and_the_lead_is_from_it() {
        cancels("a", 170).alert("a", day(10)).alert("a", day(150));

        ChurnScore score = score(1);

        assertThat(alerts).extracting(Alert::caught).containsExactly(false, true);
        assertThat(score.caughtAccounts()).isEqualTo(1);
        assertThat(score.precision()).as("the account was caught").isEqualTo(1.0);
        assertThat(score.alertPrecision()).as("one alert of two caught it").isEqualTo(0.5);
        assertThat(score.medianLeadTime()).isEqualTo(Duration.ofDays(20));
    }

    @Test
    void the_lead_is_from_the_earliest_alert_within_the_window_and_the_median_of_two_is_their_mean() {
        cancels("a", 100).alert("a", day(40)).alert("a", day(90));
        cancels("b", 100).alert("b", day(70));

        ChurnScore score = score(2);

        assertThat(score.medianLeadTime()).as("a 60 days, b 30 days").isEqualTo(Duration.ofDays(45));
        assertThat(score.medianLeadDays()).isEqualTo(45.0);
        assertThat(score.catchingAlerts()).isEqualTo(3);
    }

    @Test
    void an_account_alerted_long_before_it_cancelled_counts_as_alerted_but_not_caught() {
        cancels("a", 170).alert("a", day(5));

        ChurnScore score = score(1);

        assertThat(score.alertedAccounts()).isEqualTo(1);
        assertThat(score.caughtAccounts()).isZero();
        assertThat(score.precision()).isZero();
        assertThat(score.recall()).isZero();
        assertThat(score.alertsOnHealthyAccounts()).as("it did cancel: not a healthy account").isZero();
    }

    @Test
    void alerts_on_healthy_accounts_are_counted_per_healthy_account_and_month() {
        cancels("gone", 100);
        alert("h1", day(1)).alert("h1", day(50)).alert("h2", day(90));

        ChurnScore score = score(4);

        assertThat(score.healthyAccounts()).as("4 accounts, 1 cancelled").isEqualTo(3);
        assertThat(score.alertsOnHealthyAccounts()).isEqualTo(3);
        double months = 180 / (365.25 / 12);
        assertThat(score.alertsPerHealthyAccountMonth()).isCloseTo(3 / (3 * months), within(1e-9));
        assertThat(score.precision()).isZero();
        assertThat(score.recall()).isZero();
    }

    /**
     * Early is judged as the window is, on the account's calendar: a cancellation at 23:30 UTC on 31 March in New
     * York (19:30 there) has a window of 90 days that begins at 19:30 on 31 December there, 00:30 UTC on 1 January,
     * inside the period, as the clocks went forward in March; 90 days of 24 hours back fall before it. The same
     * moment at an account in UTC is early.
     */
    @Test
    void a_cancellation_is_early_when_its_window_on_its_accounts_calendar_begins_before_the_period_also_across_a_clock_change() {
        cancellations.put("new-york", Instant.parse("2026-03-31T23:30:00Z"));
        zones.put("new-york", ZoneId.of("America/New_York"));
        cancellations.put("utc", Instant.parse("2026-03-31T23:30:00Z"));

        ChurnScore score = score(2);

        assertThat(score.earlyCancellations()).as("UTC's window begins on 31 December; New York's on 1 January").isEqualTo(1);
        assertThat(score.laterRecall()).as("New York's is a later one, not caught").isZero();
    }

    @Test
    void cancellations_in_the_first_window_of_the_period_are_counted_and_told_apart() {
        cancels("early", 30).alert("early", day(20));
        cancels("early-missed", 89);
        cancels("later", 91).alert("later", day(80));
        cancels("later-missed", 150);

        ChurnScore score = score(4);

        assertThat(score.earlyCancellations()).as("before day 90").isEqualTo(2);
        assertThat(score.earlyCaught()).isEqualTo(1);
        assertThat(score.recall()).as("counted like the others").isEqualTo(0.5);
        assertThat(score.laterRecall()).isEqualTo(0.5);
    }

    @Test
    void nobody_alerted_and_nobody_cancelled_leaves_the_ratios_unknown() {
        ChurnScore score = score(5);

        assertThat(score.precision()).isNull();
        assertThat(score.recall()).isNull();
        assertThat(score.alertPrecision()).isNull();
        assertThat(score.laterRecall()).isNull();
        assertThat(score.alertsPerHealthyAccountMonth()).isZero();
    }

    @Test
    void a_window_outside_one_to_365_days_is_refused_naming_the_field() {
        assertThatThrownBy(() -> BacktestReport.checkWindow(0)).hasMessage("window: 0 days is not between 1 and 365");
        assertThatThrownBy(() -> BacktestReport.checkWindow(366)).hasMessageStartingWith("window: ");
        assertThat(BacktestReport.checkWindow(365)).isEqualTo(365);
    }
}
