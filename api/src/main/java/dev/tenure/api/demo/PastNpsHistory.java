package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.NpsSignal;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The quarterly NPS survey over the year before the usage history starts, so NPS has a year of months:
 * one contact per account and quarter answers. Detractors come only where a later answer in the usage
 * history ({@link NpsHistory}) is what the rules and health hear; elsewhere the answers are 7–10, so no
 * old answer changes what an account's story shows.
 */
final class PastNpsHistory {

    private final long seed;

    PastNpsHistory(long seed) {
        this.seed = seed;
    }

    /** @param recent the account's answers in the usage history */
    List<NpsSignal> of(DemoAccount account, List<Contact> contacts, List<NpsSignal> recent, LocalDate today) {
        LocalDate historyStart = account.historyStart(today);
        LocalDate surveysFrom = account.account().startedOn().plusDays(NpsHistory.SURVEY_AFTER_DAYS);
        List<Contact> respondents = contacts.stream().filter(c -> c.reachable() && c.role() != ContactRole.BILLING).toList();
        if (respondents.isEmpty()) {
            return List.of();
        }
        Random random = account.random(seed, "past-nps");
        boolean heardLater = !recent.isEmpty();
        List<NpsSignal> answers = new java.util.ArrayList<>();
        for (LocalDate quarter = historyStart.minusDays(DemoAccounts.between(random, 5, 30)); !quarter.isBefore(today.minusYears(1));
             quarter = quarter.minusDays(DemoAccounts.between(random, 80, 100))) {
            if (quarter.isBefore(surveysFrom)) {
                break;
            }
            Contact who = respondents.get(random.nextInt(respondents.size()));
            double p = random.nextDouble();
            int score = heardLater && p < 0.12 ? DemoAccounts.between(random, 3, 6)
                    : p < 0.3 ? 7 : p < 0.55 ? 8 : p < 0.85 ? 9 : 10;
            answers.add(new NpsSignal("demo", account.signalId("nps", quarter), account.id(), DemoAccount.at(quarter, 14, 0),
                    who.email(), score, null));
        }
        return answers;
    }
}
