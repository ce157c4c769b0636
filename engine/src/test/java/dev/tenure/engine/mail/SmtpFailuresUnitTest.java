package dev.tenure.engine.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpFailuresUnitTest {

    @Test
    void a_server_that_cannot_be_reached_is_worth_another_attempt() {
        var down = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host, port: smtp.test, 25", new ConnectException("Connection refused")));

        assertThat(SmtpFailures.permanent(down)).isFalse();
        assertThat(SmtpFailures.describe(down)).isEqualTo("Couldn't connect to host, port: smtp.test, 25: Connection refused");
    }

    @Test
    void a_4xx_answer_is_worth_another_attempt_and_a_5xx_refusal_is_not() throws AddressException {
        var busy = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try again later", null, null, null, null);
        var noSuchUser = new SMTPAddressFailedException(new InternetAddress("gone@example.test"), "RCPT TO", 550, "550 5.1.1 no such user");

        assertThat(SmtpFailures.permanent(new MailSendException(Map.of(new Object(), busy)))).isFalse();
        assertThat(SmtpFailures.permanent(new MailSendException(Map.of(new Object(), noSuchUser)))).isTrue();
        assertThat(SmtpFailures.describe(new MailSendException(Map.of(new Object(), noSuchUser)))).contains("550 5.1.1 no such user");
    }

    @Test
    void retries_wait_longer_each_time_and_the_last_wait_repeats() {
        var retry = new MailRetryProperties(5, List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)));
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(retry.nextAttempt(1, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(retry.nextAttempt(2, now)).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(retry.nextAttempt(3, now)).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(retry.nextAttempt(4, now)).isEqualTo(now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void a_retry_setting_without_attempts_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new MailRetryProperties(0, List.of(Duration.ofMinutes(1))))
                .hasMessageContaining("tenure.mail.retry.max-attempts");
        assertThatThrownBy(() -> new MailRetryProperties(3, List.of(Duration.ZERO)))
                .hasMessageContaining("tenure.mail.retry.backoff");
    }
}
