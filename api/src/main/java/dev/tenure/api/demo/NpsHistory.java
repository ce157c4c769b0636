package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * NPS answers from the survey tool, spread over the history. Steady answers are 7–10 and at least
 * {@value #QUIET_DAYS} days old, so the detractor rule (a 6 or lower within 7 days) only hears the
 * detractor story. Accounts still onboarding have not been surveyed yet.
 */
final class NpsHistory {

    static final int QUIET_DAYS = 9;
    /** Surveys go out once a customer has had two weeks with the product. */
    static final int SURVEY_AFTER_DAYS = 14;

    private static final List<String> PRAISE = List.of("Reports save us hours every week.",
            "Support answers fast and knows the product.", "Solid. Would like more integrations.",
            "The team adopted it without training.", "Good value for the price.");

    private final long seed;

    NpsHistory(long seed) {
        this.seed = seed;
    }

    List<NpsSignal> of(DemoAccount account, List<Contact> contacts, LocalDate today) {
        if (account.story() == Story.FIRST_VALUE || account.story() == Story.ONBOARDING_STALLED) {
            return List.of();
        }
        Random random = account.random(seed, "nps");
        Contact champion = contacts.stream().filter(c -> c.role() == ContactRole.CHAMPION).findFirst().orElseThrow();
        boolean championSpeaksLast = account.story() == Story.DETRACTOR || account.story() == Story.RENEWAL_RISK;
        // The survey asks each person once a quarter, so every earlier answer comes from someone else.
        List<Contact> respondents = new ArrayList<>(contacts.stream()
                .filter(c -> c.reachable() && c.role() != ContactRole.BILLING)
                .filter(c -> !(championSpeaksLast && c.equals(champion))).toList());
        Collections.shuffle(respondents, random);
        LocalDate earliest = account.account().startedOn().plusDays(SURVEY_AFTER_DAYS);
        if (earliest.isBefore(account.historyStart(today))) {
            earliest = account.historyStart(today);
        }
        // A renewal-risk account's happy answers are older still, so that its detractor stays the latest answer.
        LocalDate latest = today.minusDays(account.story() == Story.RENEWAL_RISK ? 3 * QUIET_DAYS : QUIET_DAYS);
        int span = (int) ChronoUnit.DAYS.between(earliest, latest);

        List<NpsSignal> answers = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        int surveyed = span >= 0 ? Math.min(respondents.size(), answersFrom(account.account().segment(), random)) : 0;
        for (int i = 0; i < surveyed; i++) {
            LocalDate day = earliest.plusDays(random.nextInt(span + 1));
            if (days.add(day)) {
                answers.add(answer(account, respondents.get(i), day, happyScore(random),
                        PRAISE.get(random.nextInt(PRAISE.size()))));
            }
        }
        switch (account.story()) {
            case DETRACTOR -> answers.add(answer(account, champion, today.minusDays(between(random, 2, 4)),
                    between(random, 3, 4),
                    "Since the last release our weekly reports are late and nobody followed up."));
            // Old enough not to count as a fresh detractor, but it is the latest answer, so health hears it.
            case RENEWAL_RISK -> answers.add(answer(account, champion, today.minusDays(between(random, 10, 13)), 2,
                    "We are evaluating alternatives before the renewal."));
            default -> {
            }
        }
        return answers;
    }

    private static int answersFrom(Segment segment, Random random) {
        return switch (segment) {
            case HIGH_TOUCH -> 2;
            case LOW_TOUCH -> between(random, 1, 2);
            case TECH_TOUCH -> between(random, 0, 1);
        };
    }

    /** 7 to 10, mostly 8 and 9. */
    private static int happyScore(Random random) {
        double p = random.nextDouble();
        return p < 0.15 ? 7 : p < 0.45 ? 8 : p < 0.8 ? 9 : 10;
    }

    private static NpsSignal answer(DemoAccount account, Contact who, LocalDate day, int score, String comment) {
        return new NpsSignal("demo", account.signalId("nps", day), account.id(), DemoAccount.at(day, 14, 0),
                who.email(), score, comment);
    }
}
