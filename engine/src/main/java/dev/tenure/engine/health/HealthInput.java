package dev.tenure.engine.health;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.util.List;
import java.util.Optional;

/**
 * Where a health component's 0–100 score comes from: one of the inputs {@code rules/health.yml} may name,
 * with its parameters. Each says why it scored what it did, so a CSM can argue with it.
 */
public sealed interface HealthInput {

    InputScore score(FactSet facts);

    /** A component's own score, 0–100, and the reason in words. */
    record InputScore(int score, String reason) {
    }

    /**
     * Usage of one feature (or all) over the last 7 days against the 28-day baseline: 100 when steady or
     * growing, falling linearly to 0 at {@code fallToZeroPct}; 0 after {@code idleDaysToZero} days without use;
     * {@code noBaselineScore} while there is no baseline yet.
     */
    record UsageTrendInput(String feature, double fallToZeroPct, int idleDaysToZero, int noBaselineScore)
            implements HealthInput {
        public InputScore score(FactSet facts) {
            Optional<UsageTrend> found = facts.usage(feature);
            if (found.isEmpty()) {
                return new InputScore(0, "no use of " + feature + " yet");
            }
            UsageTrend t = found.get();
            if (t.daysSinceLastUse() >= idleDaysToZero) {
                return new InputScore(0, "no usage for " + t.daysSinceLastUse() + " days");
            }
            if (!t.hasBaseline()) {
                return new InputScore(noBaselineScore, "no 28-day baseline yet");
            }
            double change = t.changePct();
            int score = change >= 0 ? 100 : (int) Math.round(100 * Math.max(0, 1 + change / fallToZeroPct));
            return new InputScore(score, "usage " + signed(change) + "% against the 28-day baseline");
        }
    }

    /** The share of the key features used in the last {@code usedWithinDays} days, 0–100. */
    record KeyFeatureAdoptionInput(List<String> features, int usedWithinDays) implements HealthInput {
        public InputScore score(FactSet facts) {
            List<String> adopted = features.stream()
                    .filter(f -> facts.usage(f).filter(u -> u.daysSinceLastUse() < usedWithinDays).isPresent())
                    .toList();
            int score = (int) Math.round(100.0 * adopted.size() / features.size());
            return new InputScore(score, adopted.size() + " of " + features.size() + " key features used in the last "
                    + usedWithinDays + " days" + (adopted.isEmpty() ? "" : " (" + String.join(", ", adopted) + ")"));
        }
    }

    /** 100 less {@code perOpenHighPriority} for each open P1/P2 ticket and {@code perOtherOpen} for each other open one. */
    record SupportLoadInput(int perOpenHighPriority, int perOtherOpen) implements HealthInput {
        public InputScore score(FactSet facts) {
            TicketLoad t = facts.tickets();
            int others = t.open() - t.openHighPriority();
            return new InputScore(clamp(100 - perOpenHighPriority * t.openHighPriority() - perOtherOpen * others),
                    t.openHighPriority() + " open P1/P2, " + others + " other open tickets");
        }
    }

    /**
     * 100 while payments are current, {@code paymentFailedScore} while the last payment failed (until a later
     * invoice is paid), less {@code perOverdueInvoice} for each invoice overdue in the last 30 days.
     */
    record BillingInput(int paymentFailedScore, int perOverdueInvoice) implements HealthInput {
        public InputScore score(FactSet facts) {
            BillingStatus b = facts.billing();
            int score = clamp((b.lastPaymentFailed() ? paymentFailedScore : 100) - perOverdueInvoice * b.overdueInvoices30d());
            String reason = (b.lastPaymentFailed() ? "last payment failed" : "payments current")
                    + (b.overdueInvoices30d() > 0 ? ", " + b.overdueInvoices30d() + " overdue invoice(s) in 30 days" : "");
            return new InputScore(score, reason);
        }
    }

    /** The latest NPS answer times 10 (0–100); {@code noAnswerScore} for an account that never answered. */
    record SentimentInput(int noAnswerScore) implements HealthInput {
        public InputScore score(FactSet facts) {
            Integer nps = facts.lastNps();
            return nps == null ? new InputScore(noAnswerScore, "no NPS answer yet")
                    : new InputScore(nps * 10, "latest NPS " + nps);
        }
    }

    /** {@code champion} points for an active CHAMPION contact plus {@code execSponsor} for an active EXEC_SPONSOR. */
    record RelationshipInput(int champion, int execSponsor) implements HealthInput {
        public InputScore score(FactSet facts) {
            boolean hasChampion = active(facts.contacts(), ContactRole.CHAMPION);
            boolean hasSponsor = active(facts.contacts(), ContactRole.EXEC_SPONSOR);
            int score = clamp((hasChampion ? champion : 0) + (hasSponsor ? execSponsor : 0));
            return new InputScore(score, (hasChampion ? "an active champion" : "no active champion") + ", "
                    + (hasSponsor ? "an active executive sponsor" : "no active executive sponsor"));
        }

        private static boolean active(List<Contact> contacts, ContactRole role) {
            return contacts.stream().anyMatch(c -> c.role() == role && c.active());
        }
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }

    private static String signed(double pct) {
        return (pct > 0 ? "+" : "") + pct;
    }
}
