package dev.tenure.engine.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Values drawn from jqwik arbitraries in tests that jqwik does not run (Spring tests run by JUnit Jupiter, which
 * injects their beans), from one seed: the same seed draws the same values, so a failing case comes back.
 * <p>
 * The seed is {@value #DEFAULT_SEED} unless {@code -D}{@value #SEED_PROPERTY} names another, to explore further
 * ({@code ./mvnw ... -Dtenure.poison.seed=42}); a test prints it in its case names. jqwik's arbitraries compose
 * their generators inside a jqwik context (lists, combinations and flat maps memoize there), which
 * {@link Arbitrary#sample()} provides outside jqwik's runs; inside it, every value is drawn with this object's own
 * {@link Random} instead of jqwik's unseeded one.
 */
public final class SeededDraws {

    public static final String SEED_PROPERTY = "tenure.poison.seed";
    public static final long DEFAULT_SEED = 20_261_209L;
    /** jqwik's size hint: how large lists and strings may grow (as in its own properties). */
    private static final int GEN_SIZE = 1_000;

    private final long seed;
    private final Random random;

    public SeededDraws(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Draws from the configured seed. */
    public static SeededDraws fromConfiguredSeed() {
        return new SeededDraws(Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
    }

    public long seed() {
        return seed;
    }

    /** {@code count} values, in the order the seed gives them. */
    public <T> List<T> draw(Arbitrary<T> arbitrary, int count) {
        // One sample of the whole list: sample() runs its supplier once, without edge cases of its own.
        return Arbitraries.create(() -> {
            List<T> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(arbitrary.generator(GEN_SIZE).next(random).value());
            }
            return values;
        }).withoutEdgeCases().sample();
    }

    public <T> T draw(Arbitrary<T> arbitrary) {
        return draw(arbitrary, 1).get(0);
    }
}
