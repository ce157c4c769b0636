package dev.tenure.engine.health;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Scores an account 0–100 from four components: usage trend 35%, support load 20%, billing 25%,
 * sentiment 20%. Each component says why it scored what it did, so a CSM can argue with it.
 */
@Component
public class HealthModel {

    static final double USAGE_WEIGHT = 0.35;
    static final double SUPPORT_WEIGHT = 0.20;
    static final double BILLING_WEIGHT = 0.25;
    static final double SENTIMENT_WEIGHT = 0.20;
    /** A usage fall this steep (or worse) scores zero. */
    static final double USAGE_FLOOR_PCT = -80;
    static final int NEUTRAL = 70;

    public HealthScore score(FactSet facts, int previous, Instant at) {
        List<HealthComponent> components = List.of(usage(facts), support(facts.tickets()), billing(facts.billing()),
                sentiment(facts.lastNps()));
        double total = components.stream().mapToDouble(c -> c.score() * c.weight()).sum();
        return new HealthScore(facts.account().id(), (int) Math.round(total), previous, components, at);
    }

    private static HealthComponent usage(FactSet facts) {
        UsageTrend all = facts.usage(UsageTrend.ALL_FEATURES).orElseThrow();
        if (all.daysSinceLastUse() >= 14) {
            return new HealthComponent("usage", 0, USAGE_WEIGHT, "no usage for " + all.daysSinceLastUse() + " days");
        }
        if (!all.hasBaseline()) {
            return new HealthComponent("usage", NEUTRAL, USAGE_WEIGHT, "no 28-day baseline yet");
        }
        double change = all.changePct();
        int score = change >= 0 ? 100 : (int) Math.round(100 * Math.max(0, 1 - change / USAGE_FLOOR_PCT));
        return new HealthComponent("usage", score, USAGE_WEIGHT, "usage " + signed(change) + "% against the 28-day baseline");
    }

    private static HealthComponent support(TicketLoad t) {
        int others = t.open() - t.openHighPriority();
        int score = clamp(100 - 25 * t.openHighPriority() - 10 * others);
        return new HealthComponent("support", score, SUPPORT_WEIGHT,
                t.openHighPriority() + " open P1/P2, " + others + " other open tickets");
    }

    private static HealthComponent billing(BillingStatus b) {
        int score = clamp((b.lastPaymentFailed() ? 20 : 100) - 25 * b.overdueInvoices30d());
        String reason = (b.lastPaymentFailed() ? "last payment failed" : "payments current")
                + (b.overdueInvoices30d() > 0 ? ", " + b.overdueInvoices30d() + " overdue invoice(s) in 30 days" : "");
        return new HealthComponent("billing", score, BILLING_WEIGHT, reason);
    }

    private static HealthComponent sentiment(Integer lastNps) {
        if (lastNps == null) {
            return new HealthComponent("sentiment", NEUTRAL, SENTIMENT_WEIGHT, "no NPS answer yet");
        }
        return new HealthComponent("sentiment", lastNps * 10, SENTIMENT_WEIGHT, "latest NPS " + lastNps);
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }

    private static String signed(double pct) {
        return (pct > 0 ? "+" : "") + pct;
    }
}
