package dev.tenure.engine.backtest;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayedRunUnitTest {

    private static final Account ACCOUNT = new Account("acme", "Acme", Segment.HIGH_TOUCH, Stage.VALUE, "csm@tenure.test",
            BigDecimal.TEN, "growth", null, null, "Europe/Berlin");
    private static final List<Contact> CONTACTS = List.of(
            new Contact("acme", "kenji@acme.test", "Kenji", ContactRole.CHAMPION, "Asia/Tokyo", true, false));

    private static PlayDefinition play(StepDefinition... steps) {
        return new PlayDefinition("check-in", "Check in", null, Span.ofDays(30), List.of(steps));
    }

    private static ReplayedRun startedAt(PlayDefinition play, String now) {
        return ReplayedRun.startedAt(play, Instant.parse(now), BacktestFixture.PLACEMENT.forAccount(ACCOUNT, CONTACTS));
    }

    @Test
    void aReplayedRunWithoutWindowsRunsUntilItsLongestDelay() {
        PlayDefinition play = play(
                new StepDefinition(StepType.TASK, Span.ofDays(2), "csm", "Call", null, "NORMAL", Span.ofDays(1), List.of(), null),
                new StepDefinition(StepType.TASK, Span.ofDays(5), "csm", "Call again", null, "NORMAL", Span.ofDays(1), List.of(), null));

        assertThat(startedAt(play, "2026-11-25T12:00:00Z").endsAt()).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void aReplayedRunRunsUntilItsLastStepWouldGoOutInTheRecipientsWindow() {
        // Friday 2026-11-27 12:00 UTC plus one day is Saturday; 09:30 on a weekday in Tokyo is Monday 00:30 UTC
        PlayDefinition play = play(new StepDefinition(StepType.EMAIL, Span.ofDays(1), null, null, null, null, null,
                List.of("champion"), "check-in", new SendWindow(false, true, LocalTime.of(9, 30))));

        assertThat(startedAt(play, "2026-11-27T12:00:00Z").endsAt()).isEqualTo("2026-11-30T00:30:00Z");
    }
}
