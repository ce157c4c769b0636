package dev.tenure.engine.health;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.util.ArrayList;
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
     * Usage of one feature (or all) over the last 7 days against the 28-day baseline ({@code over: lastWeek}), or
     * the best 7 days in a row of the last 28 against the account's usual week ({@code over: threeWeeks}, so a
     * holiday of up to two weeks does not pull health down): 100 when steady or growing, falling linearly to 0 at
     * {@code fallToZeroPct}; 0 after {@code idleDaysToZero} days without use; {@code noBaselineScore} while there is
     * nothing to compare with yet (over three weeks, until there is a usual week).
     */
    record UsageTrendInput(String feature, double fallToZeroPct, int idleDaysToZero, int noBaselineScore, String over)
            implements HealthInput {

        /** What a trend may compare; the first is the default. */
        public static final List<String> OVER = List.of("lastWeek", "threeWeeks");

        public InputScore score(FactSet facts) {
            Optional<UsageTrend> found = facts.usage(feature);
            if (found.isEmpty()) {
                return new InputScore(0, "no use of " + feature + " yet");
            }
            UsageTrend t = found.get();
            if (t.daysSinceLastUse() >= idleDaysToZero) {
                return new InputScore(0, "no usage for " + t.daysSinceLastUse() + " days");
            }
            boolean threeWeeks = "threeWeeks".equals(over);
            // Over three weeks, nothing but the usual week is compared with: the last week against the 28 days before
            // it, in the weeks before there is a usual week, would let a holiday pull health down after all.
            if (threeWeeks && !t.hasUsualWeek()) {
                return new InputScore(noBaselineScore, "no usual week to compare with yet");
            }
            if (!threeWeeks && !t.hasBaseline()) {
                return new InputScore(noBaselineScore, "no 28-day baseline yet");
            }
            double change = threeWeeks ? t.sustainedChangePct() : t.changePct();
            int score = change >= 0 ? 100 : (int) Math.round(100 * Math.max(0, 1 + change / fallToZeroPct));
            return new InputScore(score, threeWeeks
                    ? "usage " + signed(change) + "% against the usual week, in the best 7 days in a row of the last 28"
                    : "usage " + signed(change) + "% against the 28-day baseline");
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

    /**
     * How the account feels about us, from NPS and CSAT. NPS scores its latest answer times 10; CSAT scores the
     * satisfied share (4 or 5 of 5) of its answers in the last 90 days, counted once there are at least
     * {@code csatMinAnswers} of them. With both, the score is their average weighted {@code npsWeight} to
     * {@code csatWeight}; with one, that one alone (so an account that only answers one survey is not pulled
     * towards a default); with neither, {@code noAnswerScore}. A weight of 0 leaves that survey out.
     */
    record SentimentInput(int noAnswerScore, int npsWeight, int csatWeight, int csatMinAnswers) implements HealthInput {
        public InputScore score(FactSet facts) {
            Integer nps = npsWeight > 0 ? facts.lastNps() : null;
            CsatAnswers csat = csatWeight > 0 && facts.csat() != null && facts.csat().answers90d() >= csatMinAnswers
                    ? facts.csat() : null;
            if (nps == null && csat == null) {
                return new InputScore(noAnswerScore, noAnswer(facts));
            }
            if (csat == null) {
                return new InputScore(nps * 10, "latest NPS " + nps);
            }
            String csatReason = "CSAT " + csat.satisfied90d() + " of " + csat.answers90d() + " satisfied in "
                    + CsatAnswers.WINDOW_DAYS + " days";
            if (nps == null) {
                return new InputScore((int) Math.round(csat.satisfiedPct()), csatReason);
            }
            double combined = (npsWeight * nps * 10.0 + csatWeight * csat.satisfiedPct()) / (npsWeight + csatWeight);
            return new InputScore((int) Math.round(combined), "latest NPS " + nps + ", " + csatReason + " (weighted "
                    + npsWeight + ":" + csatWeight + ")");
        }

        private String noAnswer(FactSet facts) {
            List<String> missing = new ArrayList<>();
            if (npsWeight > 0) {
                missing.add("no NPS answer yet");
            }
            if (csatWeight > 0) {
                CsatAnswers csat = facts.csat();
                missing.add(csat == null ? "no CSAT answer in " + CsatAnswers.WINDOW_DAYS + " days"
                        : "only " + csat.answers90d() + " CSAT answer(s) in " + CsatAnswers.WINDOW_DAYS
                        + " days, fewer than " + csatMinAnswers);
            }
            return String.join(", ", missing);
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
