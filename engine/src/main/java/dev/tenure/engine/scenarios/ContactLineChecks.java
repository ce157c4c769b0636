package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scenario's contact lines held to what live can meet: a change names a contact the scenario has, an {@code ADDED}
 * names one it has not, and a change changes something.
 */
final class ContactLineChecks {

    private ContactLineChecks() {
    }

    /**
     * An ADDED line names an email no contact of the scenario has yet. Each contact line that is not an ADDED names a
     * contact of the scenario (its email, written or by default, or a role one of them has), or one an ADDED line adds:
     * a misspelt address is told, not made a new contact.
     */
    static void names(String file, String accountId, List<Scenario.GivenContact> contacts, List<GivenSignal> signals,
                      List<ScenarioProblem> problems) {
        Set<String> emails = new HashSet<>();
        Set<ContactRole> roles = new HashSet<>();
        Map<ContactRole, Integer> seen = new EnumMap<>(ContactRole.class);
        for (Scenario.GivenContact c : contacts) {
            if (c.role() == null) {
                continue;
            }
            int before = seen.merge(c.role(), 1, Integer::sum) - 1;
            emails.add(c.contact(accountId, before).email().toLowerCase(Locale.ROOT));
            roles.add(c.role());
        }
        for (GivenSignal s : signals) {
            if (s instanceof GivenSignal.ContactLine c && c.change() == ContactChange.ADDED) {
                // Live, ADDED is what a source's first naming of an email makes; a known contact comes with its changes.
                if (c.email() != null && !emails.add(c.email().toLowerCase(Locale.ROOT))) {
                    problems.add(new ScenarioProblem(file, c.line(), "contact change: '" + YamlFields.shown(c.email())
                            + "' is already a contact of the scenario; ADDED is for a contact a source names for the first time"));
                }
                if (c.role() != null) {
                    roles.add(c.role());
                }
            }
        }
        for (GivenSignal s : signals) {
            if (!(s instanceof GivenSignal.ContactLine c) || c.change() == ContactChange.ADDED) {
                continue;
            }
            if (c.email() != null && !emails.contains(c.email().toLowerCase(Locale.ROOT))) {
                problems.add(new ScenarioProblem(file, c.line(), "contact change: no contact has the email '" + c.email()
                        + "'; name one of the scenario's contacts, or add it first with change: ADDED"));
            } else if (c.email() == null && c.role() != null && !roles.contains(c.role())) {
                problems.add(new ScenarioProblem(file, c.line(), "contact change: no contact has the role " + c.role()
                        + "; name one of the scenario's contacts, or add it first with change: ADDED"));
            }
        }
    }

    /**
     * Each contact line that is not an {@code ADDED} changes its contact as the contacts are at its moment (the scenario's
     * {@code contacts:} and the lines before it, in time order, as the runner completes them): live, a change is recorded
     * only when a contact changes (a champion sent as inactive again records nothing), so a line that changes nothing
     * would be an event no rule ever sees, starting a play (champion-left) live never starts. Judged once the lines read
     * without a problem, which would leave the contacts other than the author means.
     */
    static void changes(String file, String accountId, List<Scenario.GivenContact> contacts, List<GivenSignal> signals,
                        Instant now, List<ScenarioProblem> problems) {
        List<Integer> indexes = new ArrayList<>();
        List<Signal> made = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i) instanceof GivenSignal.ContactLine c) {
                indexes.add(i);
                made.addAll(c.signals(accountId, i + 1, now));
            }
        }
        if (made.isEmpty()) {
            return;
        }
        List<Signal> completed = ScenarioRunner.completed(made, ScenarioRunner.contacts(contacts, accountId));
        for (int k = 0; k < completed.size(); k++) {
            ContactSignal change = (ContactSignal) completed.get(k);
            if (change.change() == ContactChange.ADDED || !Objects.equals(change.oldValue(), change.newValue())) {
                continue;
            }
            int index = indexes.get(k);
            GivenSignal.ContactLine line = (GivenSignal.ContactLine) signals.get(index);
            String who = YamlFields.shown(line.email() != null ? line.email() : change.email());
            String already = switch (change.change()) {
                case BECAME_INACTIVE -> "is already inactive";
                case BECAME_ACTIVE -> "is already active";
                case UNSUBSCRIBED -> "has already unsubscribed";
                default -> "is already " + change.newValue();
            };
            problems.add(new ScenarioProblem(file, line.line(), "signal " + (index + 1) + " (contact): change: '" + change.change()
                    + "' changes nothing: " + who + " " + already + " then; live, a change is recorded only when the contact"
                    + " changes, so no rule would see this one"));
        }
    }
}
