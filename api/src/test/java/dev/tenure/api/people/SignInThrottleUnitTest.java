package dev.tenure.api.people;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-in throttling with settings of its own and a clock that moves only when told: three failures lock
 * an email, five lock an address, for fifteen minutes; failures count together for ten.
 */
class SignInThrottleUnitTest {

    private static final String OFFICE = "198.51.100.7";
    private static final String ELSEWHERE = "203.0.113.9";

    private final Hands clock = new Hands(Instant.parse("2026-12-09T14:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInProperties(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(15), 100), clock);

    @Test
    void three_failures_lock_the_email_from_anywhere_saying_how_long_while_other_emails_go_on() {
        failTimes(3, "dana@tenure.test", OFFICE);

        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", ELSEWHERE))
                .isInstanceOf(TooManySignIns.class)
                .hasMessage("Too many failed sign-ins for this account; try again in 15 minutes.")
                .extracting(refusal -> ((TooManySignIns) refusal).scope()).isEqualTo(TooManySignIns.Scope.ACCOUNT);
        assertThatCode(() -> throttle.admit("sam@tenure.test", OFFICE)).doesNotThrowAnyException();
    }

    @Test
    void the_email_is_the_same_whatever_its_case_and_spaces() {
        failTimes(3, "Dana@Tenure.test", OFFICE);

        assertThatThrownBy(() -> throttle.admit("  dana@tenure.TEST ", OFFICE)).isInstanceOf(TooManySignIns.class);
    }

    @Test
    void the_wait_shown_counts_down_in_whole_minutes_rounded_up() {
        failTimes(3, "dana@tenure.test", OFFICE);

        clock.advance(Duration.ofMinutes(1).plusSeconds(20));
        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", OFFICE)).hasMessageEndingWith("try again in 14 minutes.");
        clock.advance(Duration.ofMinutes(13).plusSeconds(30));
        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", OFFICE)).hasMessageEndingWith("try again in 1 minute.");
    }

    @Test
    void after_the_lockout_the_email_may_try_again_and_counts_from_zero() {
        failTimes(3, "dana@tenure.test", OFFICE);

        clock.advance(Duration.ofMinutes(15));

        failTimes(2, "dana@tenure.test", OFFICE);
        assertThatCode(() -> throttle.admit("dana@tenure.test", OFFICE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", OFFICE)).isInstanceOf(TooManySignIns.class);
    }

    @Test
    void failures_further_apart_than_the_window_do_not_add_up() {
        failTimes(2, "dana@tenure.test", OFFICE);
        clock.advance(Duration.ofMinutes(10));
        failTimes(2, "dana@tenure.test", OFFICE);

        assertThatCode(() -> throttle.admit("dana@tenure.test", OFFICE)).doesNotThrowAnyException();
    }

    @Test
    void signing_in_clears_the_emails_failures() {
        failTimes(2, "dana@tenure.test", OFFICE);
        throttle.admit("dana@tenure.test", OFFICE);
        throttle.succeeded("dana@tenure.test", OFFICE);

        failTimes(2, "dana@tenure.test", OFFICE);
        assertThatCode(() -> throttle.admit("dana@tenure.test", OFFICE)).doesNotThrowAnyException();
    }

    @Test
    void five_failures_from_one_address_lock_it_for_every_email_while_other_addresses_go_on() {
        for (int i = 1; i <= 5; i++) {
            failTimes(1, "guess-" + i + "@tenure.test", OFFICE);
        }

        assertThatThrownBy(() -> throttle.admit("sam@tenure.test", OFFICE))
                .isInstanceOf(TooManySignIns.class)
                .hasMessage("Too many failed sign-ins from your network address; try again in 15 minutes.");
        assertThatCode(() -> throttle.admit("sam@tenure.test", ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void an_address_with_a_valid_account_cannot_guess_at_others_by_signing_in_between() {
        for (int i = 1; i <= 5; i++) {
            throttle.admit("insider@tenure.test", OFFICE);
            throttle.succeeded("insider@tenure.test", OFFICE);
            failTimes(1, "victim-" + i + "@tenure.test", OFFICE);
        }

        assertThatThrownBy(() -> throttle.admit("victim-6@tenure.test", OFFICE)).isInstanceOf(TooManySignIns.class);
    }

    @Test
    void many_people_signing_in_from_one_office_address_do_not_lock_it() {
        for (int i = 1; i <= 50; i++) {
            throttle.admit("csm-" + i + "@tenure.test", OFFICE);
            throttle.succeeded("csm-" + i + "@tenure.test", OFFICE);
        }

        assertThatCode(() -> throttle.admit("csm-51@tenure.test", OFFICE)).doesNotThrowAnyException();
    }

    @Test
    void a_burst_of_parallel_guesses_is_cut_off_before_any_of_them_is_checked() {
        for (int i = 1; i <= 3; i++) {
            throttle.admit("dana@tenure.test", OFFICE);
        }

        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", OFFICE)).isInstanceOf(TooManySignIns.class);
    }

    @Test
    void ipv6_addresses_count_per_64_block() {
        for (int i = 1; i <= 5; i++) {
            failTimes(1, "guess-" + i + "@tenure.test", "2001:db8:1:2::" + Integer.toHexString(i));
        }

        assertThatThrownBy(() -> throttle.admit("sam@tenure.test", "2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .hasMessageContaining("from your network address");
        assertThatCode(() -> throttle.admit("sam@tenure.test", "2001:db8:1:3::1")).doesNotThrowAnyException();
        assertThat(SignInThrottle.addressKey("::ffff:198.51.100.7")).isEqualTo(OFFICE);
        assertThat(SignInThrottle.addressKey("not:an address")).isEqualTo("not:an address");
    }

    @Test
    void spraying_emails_and_addresses_keeps_memory_bounded_and_locked_ones_outlive_the_rest() {
        failTimes(3, "dana@tenure.test", OFFICE);
        clock.advance(Duration.ofMinutes(11));

        for (int i = 0; i < 1_000; i++) {
            failTimes(1, "spray-" + i + "@tenure.test", "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(throttle.tracked()).isLessThanOrEqualTo(200);
        assertThatThrownBy(() -> throttle.admit("dana@tenure.test", ELSEWHERE)).isInstanceOf(TooManySignIns.class);
    }

    @Test
    void a_user_name_longer_than_any_email_is_remembered_by_its_hash() {
        String huge = "x".repeat(100_000);

        assertThat(SignInThrottle.accountKey(huge)).startsWith("sha-256:").hasSize("sha-256:".length() + 64);
    }

    @Test
    void settings_that_make_no_sense_are_refused_naming_the_setting() {
        assertThatThrownBy(() -> new SignInProperties(0, 20, Duration.ofMinutes(15), Duration.ofMinutes(15), 10_000))
                .hasMessageContaining("tenure.sign-in.max-failures-per-account");
        assertThatThrownBy(() -> new SignInProperties(5, 20, Duration.ZERO, Duration.ofMinutes(15), 10_000))
                .hasMessageContaining("tenure.sign-in.window");
        assertThatThrownBy(() -> new SignInProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(-1), 10_000))
                .hasMessageContaining("tenure.sign-in.lockout");
    }

    /** Attempts that were let through and had the wrong password. */
    private void failTimes(int times, String email, String address) {
        for (int i = 0; i < times; i++) {
            throttle.admit(email, address);
        }
    }

    /** A clock that moves only when the test says so. */
    private static final class Hands extends Clock {
        private Instant now;

        Hands(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
