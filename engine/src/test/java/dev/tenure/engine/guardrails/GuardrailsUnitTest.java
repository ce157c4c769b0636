package dev.tenure.engine.guardrails;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tenure.engine.plays.SendWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tenure.engine.guardrails.SendVerdict.Decision.DEFER;
import static dev.tenure.engine.guardrails.SendVerdict.Decision.SEND;
import static dev.tenure.engine.guardrails.SendVerdict.Decision.SUPPRESS;
import static org.assertj.core.api.Assertions.assertThat;

/** The send-time guardrails decided over a batch, with the history they count stood in and the time given. */
class GuardrailsUnitTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final SendWindow.BusinessHours HOURS = new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
    /** A Tuesday. */
    private static final Instant TUESDAY_NOON = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("UTC")).toInstant();

    private final FakeHistory history = new FakeHistory();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private long step;

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(Guardrails.class)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(Guardrails.class)).detachAppender(logged);
    }

    @Test
    void given_a_suppressed_address_then_its_email_is_suppressed_with_the_reason_whatever_its_case() {
        history.unsubscribed.put("pat@acme.test", "on the suppression list (api: asked by phone)");

        List<SendVerdict> verdicts = guardrails(2, 100).check(List.of(email("Pat@Acme.test"), email("sam@acme.test")), TUESDAY_NOON);

        assertThat(verdicts.get(0).decision()).isEqualTo(SUPPRESS);
        assertThat(verdicts.get(0).reason()).isEqualTo("on the suppression list (api: asked by phone)");
        assertThat(verdicts.get(1).decision()).isEqualTo(SEND);
    }

    @Test
    void given_two_emails_to_a_contact_this_week_then_the_third_is_suppressed_not_deferred() {
        history.sentTo.put("pat@acme.test", 2);

        SendVerdict verdict = guardrails(2, 100).check(List.of(email("pat@acme.test")), TUESDAY_NOON).get(0);

        assertThat(verdict.decision()).isEqualTo(SUPPRESS);
        assertThat(verdict.reason()).isEqualTo("frequency cap: pat@acme.test already had 2 tech-touch emails within 7 days");
        assertThat(meters.counter("tenure.guardrails.suppressed").count()).isEqualTo(1);
    }

    @Test
    void given_one_email_this_week_and_two_to_the_same_contact_in_one_batch_then_the_second_of_the_batch_is_suppressed() {
        history.sentTo.put("pat@acme.test", 1);

        List<SendVerdict> verdicts = guardrails(2, 100).check(
                List.of(email("pat@acme.test"), email("sam@acme.test"), email("PAT@acme.test")), TUESDAY_NOON);

        assertThat(verdicts).extracting(SendVerdict::decision).containsExactly(SEND, SEND, SUPPRESS);
    }

    @Test
    void given_the_daily_limit_nearly_reached_then_the_rest_of_the_batch_waits_for_tomorrow_and_a_warning_is_logged_once() {
        history.sent = 7;
        Guardrails guardrails = guardrails(2, 10);

        List<SendVerdict> verdicts = guardrails.check(List.of(email("a@x.test"), email("b@x.test"), email("c@x.test"),
                email("d@x.test")), TUESDAY_NOON);

        assertThat(verdicts).extracting(SendVerdict::decision).containsExactly(SEND, SEND, SEND, DEFER);
        assertThat(verdicts.get(3).until()).as("the next day, from nine in the recipient's Berlin, not at midnight")
                .isEqualTo(ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(verdicts.get(3).reason()).isEqualTo("daily limit of 10 tech-touch emails reached");
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains("10 of the daily limit of 10");
        assertThat(meters.get("tenure.guardrails.sent.today").gauge().value()).isEqualTo(10);

        history.sent = 10;
        guardrails.check(List.of(email("e@x.test")), TUESDAY_NOON.plus(Duration.ofHours(1)));
        assertThat(warnings()).as("one warning a day").hasSize(1);

        history.sent = 9;
        guardrails.check(List.of(email("f@x.test")), TUESDAY_NOON.plus(Duration.ofDays(1)));
        assertThat(warnings()).as("again the next day").hasSize(2);
    }

    @Test
    void given_today_below_the_warning_share_then_nothing_is_logged() {
        history.sent = 6;

        assertThat(guardrails(2, 10).check(List.of(email("a@x.test")), TUESDAY_NOON).get(0).decision()).isEqualTo(SEND);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void given_a_business_hours_step_delayed_past_five_pm_on_friday_then_it_waits_for_monday_nine_am_local() {
        Instant dueFriday = ZonedDateTime.of(2026, 11, 27, 16, 50, 0, 0, BERLIN).toInstant();
        Instant runFriday = ZonedDateTime.of(2026, 11, 27, 17, 10, 0, 0, BERLIN).toInstant();
        TechTouchEmail late = new TechTouchEmail(1, "acme", "Save", "pat@acme.test", dueFriday,
                new SendWindow(true, false, null), BERLIN);

        SendVerdict verdict = guardrails(2, 100).check(List.of(late), runFriday).get(0);

        assertThat(verdict.decision()).isEqualTo(DEFER);
        assertThat(verdict.until()).isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(verdict.reason()).contains("outside its send window in Europe/Berlin");
    }

    @Test
    void given_a_business_hours_step_run_within_business_hours_then_it_is_sent() {
        Instant tuesdayTen = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, BERLIN).toInstant();
        TechTouchEmail onTime = new TechTouchEmail(1, "acme", "Save", "pat@acme.test", tuesdayTen.minusSeconds(30),
                new SendWindow(true, false, null), BERLIN);

        assertThat(guardrails(2, 100).check(List.of(onTime), tuesdayTen).get(0).decision()).isEqualTo(SEND);
    }

    @Test
    void given_a_step_at_half_past_nine_then_it_may_be_a_little_late_but_not_hours_late() {
        Instant due = ZonedDateTime.of(2026, 11, 24, 9, 30, 0, 0, BERLIN).toInstant();
        TechTouchEmail atHalfPastNine = new TechTouchEmail(1, "acme", "Save", "pat@acme.test", due,
                new SendWindow(false, false, LocalTime.of(9, 30)), BERLIN);
        Guardrails guardrails = guardrails(2, 100);

        assertThat(guardrails.check(List.of(atHalfPastNine), due.plus(Duration.ofMinutes(15))).get(0).decision()).isEqualTo(SEND);
        SendVerdict hoursLate = guardrails.check(List.of(atHalfPastNine), due.plus(Duration.ofHours(3))).get(0);
        assertThat(hoursLate.decision()).isEqualTo(DEFER);
        assertThat(hoursLate.until()).isEqualTo(due.plus(Duration.ofDays(1)));
    }

    @Test
    void given_a_deferred_or_suppressed_email_then_it_does_not_use_up_the_cap_or_the_limit() {
        history.unsubscribed.put("gone@x.test", "the contact unsubscribed");
        Instant friday = ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, BERLIN).toInstant();
        TechTouchEmail outsideWindow = new TechTouchEmail(1, "acme", "Save", "pat@acme.test", friday,
                new SendWindow(true, false, null), BERLIN);
        history.sent = 8;

        List<SendVerdict> verdicts = guardrails(1, 10).check(List.of(email("gone@x.test"), outsideWindow,
                email("pat@acme.test"), email("sam@acme.test")), friday);

        assertThat(verdicts).extracting(SendVerdict::decision).containsExactly(SUPPRESS, DEFER, SEND, SEND);
    }

    @Test
    void given_a_windowed_step_held_back_by_the_daily_limit_then_it_waits_for_its_window_on_the_next_day() {
        history.sent = 10;
        Instant friday = ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, BERLIN).toInstant();
        TechTouchEmail businessHours = new TechTouchEmail(1, "acme", "Save", "pat@acme.test", friday,
                new SendWindow(true, false, null), BERLIN);

        SendVerdict verdict = guardrails(2, 10).check(List.of(businessHours), friday).get(0);

        assertThat(verdict.decision()).isEqualTo(DEFER);
        assertThat(verdict.until()).isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BERLIN).toInstant());
    }

    @Test
    void given_bad_limits_then_the_start_fails_naming_the_setting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GuardrailsProperties.FrequencyCap(0, Duration.ofDays(7)))
                .hasMessage("tenure.guardrails.frequency-cap.max must be at least 1, was 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GuardrailsProperties(
                        new GuardrailsProperties.FrequencyCap(2, Duration.ofDays(7)), 100, 1.5, Duration.ZERO))
                .hasMessage("tenure.guardrails.daily-warning must be above 0 and at most 1, was 1.5");
    }

    private Guardrails guardrails(int cap, int dailyLimit) {
        GuardrailsProperties limits = new GuardrailsProperties(new GuardrailsProperties.FrequencyCap(cap, Duration.ofDays(7)),
                dailyLimit, 0.8, Duration.ofHours(1));
        return new Guardrails(null, history, limits, ZoneId.of("UTC"), HOURS, meters);
    }

    private TechTouchEmail email(String address) {
        return new TechTouchEmail(++step, "acme", "Save", address, TUESDAY_NOON, SendWindow.ANY_TIME, BERLIN);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static final class FakeHistory implements SendHistory {
        final Map<String, String> unsubscribed = new HashMap<>();
        final Map<String, Integer> sentTo = new HashMap<>();
        int sent;

        @Override
        public Map<String, String> unsubscribed(Collection<String> addresses) {
            return unsubscribed;
        }

        @Override
        public Map<String, Integer> sentTo(Collection<String> addresses, Instant since, Collection<Long> exceptSteps) {
            return sentTo;
        }

        @Override
        public int sent(Instant since, Collection<Long> exceptSteps) {
            return sent;
        }
    }
}
