package dev.tenure.engine.intake;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.testing.Poison;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds, for any value at all: a check never throws, refuses exactly what no store can hold (told here
 * independently of the code under test), says why in a few words whatever the value, and what it lets through
 * fits where the engine keeps it.
 */
class RecordBoundsProperties {

    /** What an error about a value may cost: the value repeated short, a few words, a number or two. */
    private static final int MOST_PROBLEM = 500;

    @Property(tries = 300)
    void text_is_refused_exactly_when_too_long_or_holding_a_character_no_store_can_hold(@ForAll("texts") String text) {
        assertThat(RecordBounds.idProblem(text) == null).as("id").isEqualTo(storable(text, RecordBounds.ID_LENGTH, false, true));
        assertThat(RecordBounds.nameProblem(text) == null).as("name").isEqualTo(storable(text, RecordBounds.NAME_LENGTH, false, false));
        assertThat(RecordBounds.freeTextProblem(text) == null).as("free text")
                .isEqualTo(storable(text, RecordBounds.TEXT_LENGTH, true, false));
        for (String problem : new String[] {RecordBounds.idProblem(text), RecordBounds.nameProblem(text), RecordBounds.freeTextProblem(text)}) {
            assertThat(problem == null ? "" : problem).hasSizeLessThan(MOST_PROBLEM);
        }
    }

    @Property(tries = 300)
    void a_refused_value_is_repeated_short_and_as_text_that_can_itself_be_stored(@ForAll("texts") String text) {
        String shown = RecordBounds.shown(text);

        assertThat(shown).hasSizeLessThan(MOST_PROBLEM);
        assertThat(RecordBounds.freeTextProblem(shown)).isNull();
    }

    /**
     * An amount the bounds let through is stored: as an account's ARR in {@code numeric(14, 2)} (rounded to cents,
     * so at most 12 digits before the point), in a signal's JSON as it is.
     */
    @Property(tries = 500)
    void an_amount_is_refused_or_fits_every_column_that_keeps_one(@ForAll("amounts") BigDecimal amount) {
        String problem = RecordBounds.amountProblem(amount);

        if (problem == null) {
            BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
            assertThat(cents.precision() - cents.scale()).as("digits before the point of %s", amount).isLessThanOrEqualTo(12);
            assertThat(amount.stripTrailingZeros().scale()).isLessThanOrEqualTo(RecordBounds.AMOUNT_DECIMALS);
        } else {
            assertThat(problem).hasSizeLessThan(MOST_PROBLEM);
        }
    }

    @Property(tries = 200)
    void any_moment_or_day_is_checked_without_failing(@ForAll("instants") Instant at, @ForAll("days") LocalDate day) {
        String moment = RecordBounds.instantProblem(at);
        String date = RecordBounds.dateProblem(day);

        assertThat(moment == null).isEqualTo(!at.isBefore(RecordBounds.EARLIEST) && at.isBefore(RecordBounds.LATEST));
        assertThat(date == null).isEqualTo(!day.isBefore(RecordBounds.EARLIEST_DATE) && !day.isAfter(RecordBounds.LATEST_DATE));
        assertThat(moment == null ? "" : moment).hasSizeLessThan(MOST_PROBLEM);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(Tuple.of(4, Poison.text()), Tuple.of(1, Poison.numberText()), Tuple.of(1, Poison.emailText()),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(195).ofMaxLength(330)));
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<BigDecimal> any = Combinators.combine(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(-20, 20)),
                        Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -100_000, 100_000))))
                .as(BigDecimal::new);
        Arbitrary<BigDecimal> nearTheEdge = Arbitraries.of("1000000000000", "-1000000000000", "999999999999.99", "999999999999.995",
                "999999999999.994999", "-999999999999.999999", "0E+100000", "0e-2147483647").map(BigDecimal::new);
        return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, nearTheEdge));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond)
                .edgeCases(c -> c.add(Instant.MIN, Instant.MAX, RecordBounds.EARLIEST, RecordBounds.LATEST));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    /**
     * Independent of the code under test: short enough, no control character, no UTF-16 unit without its partner, and in
     * an id nothing that takes no space and shows nothing (Unicode's format characters: zero-width space, joiners, BOM,
     * soft hyphen, direction marks).
     */
    private static boolean storable(String text, int limit, boolean lineBreaks, boolean id) {
        if (text.length() > limit) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean control = Character.getType(c) == Character.CONTROL;
            boolean invisible = Character.getType(c) == Character.FORMAT;
            if (control && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t')) || c >= 0xd800 && c <= 0xdfff || id && invisible) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
