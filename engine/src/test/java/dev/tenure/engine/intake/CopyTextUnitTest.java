package dev.tenure.engine.intake;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows for COPY: text survives its commas and quotes, moments are written as PostgreSQL reads them. */
class CopyTextUnitTest {

    @Test
    void text_is_quoted_and_its_quotes_doubled() {
        assertThat(new CopyText().text("plain").text("a, \"quoted\" one").number(42).end().toString())
                .isEqualTo("\"plain\",\"a, \"\"quoted\"\" one\",42\n");
    }

    @Test
    void moments_are_written_in_utc_with_their_fraction_only_when_they_have_one() {
        assertThat(new CopyText().instant(Instant.parse("2026-11-24T09:05:03Z")).end().toString())
                .isEqualTo("2026-11-24 09:05:03+00\n");
        assertThat(new CopyText().instant(Instant.parse("2026-01-02T23:59:59.123456Z")).end().toString())
                .isEqualTo("2026-01-02 23:59:59.123456000+00\n");
    }

    @Test
    void a_year_outside_four_digits_is_written_the_long_way() {
        assertThat(new CopyText().instant(Instant.parse("+12026-11-24T09:05:03Z")).end().toString())
                .isEqualTo("+12026-11-24T09:05:03Z\n");
    }
}
