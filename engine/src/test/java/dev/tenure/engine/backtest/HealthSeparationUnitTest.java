package dev.tenure.engine.backtest;

import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health bands at the start of each 30-day slice, against the cancellations within it, given by hand. */
class HealthSeparationUnitTest {

    static final Instant FROM = Instant.parse("2011-01-01T00:00:00Z");
    /** 60 days: two slices, from January 1 and January 31. */
    static final Instant TO = Instant.parse("2011-03-02T00:00:00Z");
    static final Instant SECOND_SLICE = Instant.parse("2011-01-31T00:00:00Z");

    @Test
    void an_account_that_came_back_and_cancelled_again_counts_as_cancelled_in_the_slice_of_its_second_cancellation() {
        // Cancelled on January 10, back on January 20, POOR when the second slice began, cancelled again on February 15.
        Account back = account("hs-back");
        Account stays = account("hs-stays");
        List<ReplayTally.SliceBand> bands = List.of(new ReplayTally.SliceBand(back, FROM, "GOOD"),
                new ReplayTally.SliceBand(stays, FROM, "GOOD"), new ReplayTally.SliceBand(back, SECOND_SLICE, "POOR"),
                new ReplayTally.SliceBand(stays, SECOND_SLICE, "GOOD"));
        Map<String, List<Instant>> cancellations = Map.of(back.id(),
                List.of(Instant.parse("2011-02-15T10:00:00Z"), Instant.parse("2011-01-10T10:00:00Z")));

        HealthSeparation health = HealthSeparation.of(FROM, TO, bands, cancellations, BacktestFixture.JUDGEMENT);

        assertThat(health.slices()).isEqualTo(2);
        assertThat(band(health, "GOOD").accounts()).isEqualTo(3);
        assertThat(band(health, "GOOD").cancelled()).as("in the first slice").isEqualTo(1);
        assertThat(band(health, "POOR").accounts()).isEqualTo(1);
        assertThat(band(health, "POOR").cancelled()).as("in the second slice, again").isEqualTo(1);
    }

    private static ChurnReport.BandRow band(HealthSeparation health, String band) {
        return health.report().bands().stream().filter(b -> b.band().equals(band)).findFirst().orElseThrow();
    }

    private static Account account(String id) {
        return new Account(id, id, Segment.LOW_TOUCH, Stage.VALUE, "csm@" + id + ".test", BigDecimal.valueOf(12000), "growth",
                LocalDate.of(2010, 1, 1), null, "UTC");
    }
}
