package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holdout draw is a hash of play, account and start: pinned values hold out or not, the share held out
 * is the play's, and nothing is held out when holdouts are off or the play holds out 0%.
 */
class HoldoutDrawUnitTest {

    private static final Instant START = Instant.parse("2026-10-01T09:00:00Z");
    private static final HoldoutDraw ON = new HoldoutDraw(new HoldoutProperties(true));
    /** sha256("save-usage-drop|acme|2026-10-01T09:00:00Z"): its first 8 bytes, unsigned, modulo 10,000. */
    private static final int DRAW_ACME = 783;

    @Test
    void the_draw_is_the_first_eight_bytes_of_the_sha256_of_play_account_and_start_modulo_ten_thousand() {
        assertThat(HoldoutDraw.draw("save-usage-drop", "acme", START)).isEqualTo(DRAW_ACME);
        assertThat(HoldoutDraw.draw("save-usage-drop", "acme", START)).isEqualTo(HoldoutDraw.draw("save-usage-drop", "acme", START));
        assertThat(HoldoutDraw.draw("save-usage-drop", "acme", START.plusSeconds(1))).isNotEqualTo(DRAW_ACME);
    }

    @Test
    void a_draw_below_the_share_holds_out_and_one_at_or_above_it_does_not() {
        // 783 is below 8% of 10,000 (800) and not below 7% (700).
        assertThat(ON.holdsOut(play(8), "acme", START)).isTrue();
        assertThat(ON.holdsOut(play(7), "acme", START)).isFalse();
    }

    @Test
    void about_the_plays_share_of_eligible_accounts_is_held_out() {
        List<Boolean> held = IntStream.range(0, 10_000)
                .mapToObj(i -> ON.holdsOut(play(10), "account-" + i, START)).toList();

        assertThat(held.stream().filter(h -> h).count()).isBetween(900L, 1100L);
    }

    @Test
    void nobody_is_held_out_when_holdouts_are_off_or_the_play_holds_out_none() {
        HoldoutDraw off = new HoldoutDraw(new HoldoutProperties(false));

        assertThat(IntStream.range(0, 1000).anyMatch(i -> off.holdsOut(play(50), "account-" + i, START))).isFalse();
        assertThat(IntStream.range(0, 1000).anyMatch(i -> ON.holdsOut(play(0), "account-" + i, START))).isFalse();
    }

    private static PlayDefinition play(int holdoutPercent) {
        return new PlayDefinition("save-usage-drop", "Save", null, Span.ofDays(30), List.of(), new StopWhen(80, null, null),
                null, new Measurement(Span.ofDays(30), holdoutPercent));
    }
}
