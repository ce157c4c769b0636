package dev.tenure.api.demo;

import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.health.WeightedInput;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Half a year of weekly health scores before the demo's "today", so trends, the distribution at an earlier
 * date and the churn report have a past: steady accounts stay GOOD with some noise, accounts in a story
 * slip in the weeks before it (a renewal risk for two months), onboarding accounts start where the model
 * puts an account without a baseline, former customers follow their path to cancelling. Each score is
 * scored from its components with the model in force, so score, band and shares agree; the score the
 * engine computes on load is the latest.
 */
final class HealthHistory {

    static final int WEEKS = 26;
    /** Each component's usual distance from the whole, so the components' lines do not lie on top of each other. */
    private static final int[] SPREAD = {6, -4, 12, -8, -10};

    private final long seed;

    HealthHistory(long seed) {
        this.seed = seed;
    }

    List<HealthScore> of(DemoAccount account, LocalDate today, HealthModel model) {
        Random random = account.random(seed, "health");
        List<HealthScore> scores = new ArrayList<>();
        for (int week = WEEKS; week >= 1; week--) {
            int daysAgo = week * 7;
            LocalDate day = today.minusDays(daysAgo);
            if (day.isBefore(account.account().startedOn())) {
                continue;
            }
            scores.add(score(account.id(), target(account, daysAgo) + random.nextInt(9) - 4, day, model, random));
        }
        return withPrevious(scores);
    }

    List<HealthScore> of(FormerCustomers former, LocalDate today, HealthModel model) {
        Random random = DemoAccount.random(seed, former.slug(), "health");
        List<HealthScore> scores = new ArrayList<>();
        for (int week = WEEKS; week >= 0; week--) {
            int daysAgo = former.cancelledDaysAgo() + 1 + week * 7;
            int target = switch (former.bandOn(daysAgo)) {
                case "POOR" -> 38;
                case "AVERAGE" -> 60;
                default -> 80;
            };
            scores.add(score(former.id(), target + random.nextInt(7) - 3, today.minusDays(daysAgo), model, random));
        }
        return withPrevious(scores);
    }

    /** Where the story puts the account's health that many days ago. */
    private static int target(DemoAccount account, int daysAgo) {
        return switch (account.story()) {
            case RENEWAL_RISK -> daysAgo > 60 ? 74 : daysAgo > 35 ? 62 : 52;
            case USAGE_DROP, HIGH_PRIORITY_TICKETS, PAYMENT_FAILED, DETRACTOR -> daysAgo > 21 ? 80 : 70;
            case FIRST_VALUE, ONBOARDING_STALLED -> 76;
            default -> 82;
        };
    }

    /** Components spread around the target, then scored and banded as the model does. */
    private static HealthScore score(String accountId, int target, LocalDate day, HealthModel model, Random random) {
        List<HealthComponent> components = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < model.components().size(); i++) {
            WeightedInput c = model.components().get(i);
            int score = Math.max(0, Math.min(100, target + SPREAD[i % SPREAD.length] + random.nextInt(7) - 3));
            components.add(new HealthComponent(c.name(), score, c.weight(), "demo history: " + c.name() + " " + score));
            total += score * c.weight();
        }
        int score = (int) Math.round(total);
        return new HealthScore(accountId, score, model.bands().of(score), -1, components, DemoAccount.at(day, 6, 0),
                model.version());
    }

    private static List<HealthScore> withPrevious(List<HealthScore> scores) {
        List<HealthScore> linked = new ArrayList<>();
        int previous = -1;
        for (HealthScore h : scores) {
            linked.add(new HealthScore(h.accountId(), h.score(), h.band(), previous, h.components(), h.computedAt(),
                    h.modelVersion()));
            previous = h.score();
        }
        return linked;
    }
}
