package dev.tenure.bench;

import java.util.Random;

/**
 * What one variant of {@link PlantedChurnWorld} is like: its share of cancelling accounts and how their signs
 * look, and the noise of its healthy accounts. Each variant asks another question of the rules: 0 the base world;
 * 1 more noise, more weak signs and ticket bursts of any priority spread over weeks; 2 is 1 with short bursts of
 * mostly minor tickets; 3 a calmer world than 0 (few and shallow holidays, no weak signs) whose signs start closer
 * to the cancellation, with 2's bursts, where rules that wait long to tell a drop from a holiday catch late.
 *
 * @param churnShare        share of accounts that cancel in the period
 * @param weakShare         share of the cancelling accounts with weak signs only (a 25% drift)
 * @param signsMinDays      fewest days from the first sign to the cancellation
 * @param signsSpreadDays   days added to that at random (0 to this, exclusive)
 * @param swingMin          lowest coefficient of variation of a day's use (0.2 more at random)
 * @param seasonMax         highest yearly season amplitude
 * @param failedPayment     chance that a healthy account's payment fails (and is paid within days)
 * @param sharedHolidays    shared holidays: start day, length, depth (the share of usual use left), share taking part
 * @param ownHolidayShare   share of accounts with holidays of their own
 * @param ownHolidayDays    an own holiday lasts 5 days and up to this many more (exclusive)
 * @param ownDepthMin       the least share of usual use an own holiday leaves
 * @param ownDepthSpread    and up to this much more
 * @param burst             the kind of ticket burst a cancelling account may open
 */
record WorldMix(double churnShare, double weakShare, int signsMinDays, int signsSpreadDays, double swingMin,
                double seasonMax, double failedPayment, double[][] sharedHolidays, double ownHolidayShare,
                int ownHolidayDays, double ownDepthMin, double ownDepthSpread, Burst burst) {

    /** A burst of tickets: how many, how fast they come and of which priority (0-3: P1-P4). */
    enum Burst {
        /** Three to six urgent tickets within two weeks or so. */
        URGENT(3, 4, 0.35) {
            @Override
            int priority(Random random) {
                return random.nextInt(2);
            }
        },
        /** Four to eight tickets of any priority over three to five weeks: a count of urgent ones in 14 days misses it. */
        SPREAD(4, 5, 0.2) {
            @Override
            int priority(Random random) {
                return random.nextInt(4);
            }
        },
        /** Three to six tickets in ten days or so, one in four urgent. */
        SHORT_MINOR(3, 4, 0.5) {
            @Override
            int priority(Random random) {
                return random.nextDouble() < 0.25 ? random.nextInt(2) : 2 + random.nextInt(2);
            }
        };

        final int fewest;
        final int spread;
        final double dailyChance;

        Burst(int fewest, int spread, double dailyChance) {
            this.fewest = fewest;
            this.spread = spread;
            this.dailyChance = dailyChance;
        }

        abstract int priority(Random random);
    }

    static WorldMix of(int variant) {
        return switch (variant) {
            case 0 -> new WorldMix(0.12, 0.03, 21, 50, 0.15, 0.15, 0.04,
                    new double[][] {{52, 9, 0.45, 0.4}, {118, 14, 0.35, 0.3}}, 0.35, 10, 0.15, 0.45, Burst.URGENT);
            case 1 -> noisy(Burst.SPREAD);
            case 2 -> noisy(Burst.SHORT_MINOR);
            case 3 -> new WorldMix(0.12, 0, 14, 36, 0.15, 0.15, 0.04,
                    new double[][] {{52, 7, 0.7, 0.3}}, 0.2, 6, 0.3, 0.6, Burst.SHORT_MINOR);
            default -> throw new IllegalArgumentException("bench.quality.variant: " + variant + " is not 0, 1, 2 or 3");
        };
    }

    private static WorldMix noisy(Burst burst) {
        return new WorldMix(0.11, 0.09, 21, 50, 0.25, 0.25, 0.06,
                new double[][] {{30, 7, 0.3, 0.5}, {95, 12, 0.5, 0.35}, {150, 14, 0.25, 0.25}}, 0.35, 10, 0.15, 0.45, burst);
    }
}
