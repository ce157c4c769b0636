package dev.tenure.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that stops answering fails the sends of a batch after a while instead of holding it, and the rows of
 * its accounts (which a cancellation or an import being written waits for), as long as it hangs: Jakarta Mail's own
 * default is to wait for ever.
 */
class SmtpTimeoutsIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JavaMailSenderImpl mail;

    @Test
    void given_the_shipped_settings_then_connecting_reading_and_writing_to_smtp_are_bounded() {
        for (String protocol : new String[] {"smtp", "smtps"}) {
            assertThat(mail.getSession().getProperty("mail." + protocol + ".connectiontimeout")).isEqualTo("10000");
            assertThat(mail.getSession().getProperty("mail." + protocol + ".timeout")).isEqualTo("30000");
            assertThat(mail.getSession().getProperty("mail." + protocol + ".writetimeout")).isEqualTo("30000");
        }
    }
}
