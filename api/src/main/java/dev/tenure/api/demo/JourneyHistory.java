package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * What the journey rules and the QBR cadence would have recorded before the demo's history starts, so
 * time to value and QBR completion have a year behind them: each account past onboarding reached first
 * value 10–45 days after its start; each high-touch account had a QBR prep task every 90 days over the
 * past year, done, except about one in five of Marcus's, Priya's and Tom's, which are still open.
 */
final class JourneyHistory {

    /** The CSM whose inbox the README's picture shows: kept to the tasks the stories make. */
    static final String PICTURED_CSM = DemoAccounts.CSMS.get(0);

    private final long seed;

    JourneyHistory(long seed) {
        this.seed = seed;
    }

    record FirstValue(String accountId, Instant reachedAt) {
    }

    /** A past QBR: the play's run started 14 days before it, its prep task due 7 days before it. */
    record PastQbr(DemoAccount account, LocalDate on, Instant startedAt, Instant dueAt, boolean done, Instant completedAt) {
    }

    List<FirstValue> firstValues(List<DemoAccount> accounts, LocalDate today) {
        List<FirstValue> reached = new ArrayList<>();
        for (DemoAccount a : accounts) {
            if (a.account().stage() == Stage.ONBOARDING) {
                continue; // onboarding accounts reach it (or not) through the journey rule, as it happens
            }
            LocalDate day = a.account().startedOn().plusDays(between(a.random(seed, "first-value"), 10, 45));
            if (day.isBefore(today)) {
                reached.add(new FirstValue(a.id(), DemoAccount.at(day, 12, 0)));
            }
        }
        return reached;
    }

    List<PastQbr> qbrs(List<DemoAccount> accounts, LocalDate today) {
        List<PastQbr> qbrs = new ArrayList<>();
        for (DemoAccount a : accounts) {
            if (a.account().segment() != Segment.HIGH_TOUCH) {
                continue;
            }
            Random random = a.random(seed, "past-qbrs");
            for (LocalDate on = a.account().startedOn().plusDays(DemoAccounts.QBR_EVERY_DAYS); ;
                 on = on.plusDays(DemoAccounts.QBR_EVERY_DAYS)) {
                LocalDate due = on.minusDays(7);
                if (!due.isBefore(today)) {
                    break;
                }
                if (on.isBefore(today.minusYears(1))) {
                    continue;
                }
                boolean done = a.account().csm().equals(PICTURED_CSM) || random.nextInt(100) >= 20;
                qbrs.add(new PastQbr(a, on, DemoAccount.at(on.minusDays(14), 9, 0), DemoAccount.at(due, 9, 0), done,
                        done ? DemoAccount.at(due.minusDays(between(random, 0, 4)), 16, 0) : null));
            }
        }
        return qbrs;
    }
}
