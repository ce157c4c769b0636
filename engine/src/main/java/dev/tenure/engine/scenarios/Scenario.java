package dev.tenure.engine.scenarios;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One scenario of a scenario file: given an account, its contacts, signals, milestones and plays at
 * times relative to {@code now}, expect these outcomes. {@code now} is null when the scenario runs at
 * the real current time; {@code expect} is null in a dry run.
 */
public record Scenario(String file, int line, String name, Instant now, GivenAccount account,
                       List<GivenContact> contacts, List<GivenSignal> signals, List<GivenMilestone> milestones,
                       List<GivenRun> runs, Integer previousHealth, Expectation expect) {

    /** The account as written; dates relative to now. */
    public record GivenAccount(String id, String name, Segment segment, Stage stage, String csm, BigDecimal arr,
                               String plan, Moment startedOn, Moment renewalOn, String timezone) {

        Account at(Instant now) {
            return new Account(id, name, segment, stage, csm, arr, plan,
                    startedOn == null ? null : startedOn.day(now), renewalOn == null ? null : renewalOn.day(now), timezone);
        }
    }

    /** A contact; without an email it is {@code <role>@<account>.test} (numbered when a role repeats). */
    public record GivenContact(String email, String name, ContactRole role, String timezone, boolean active,
                               boolean unsubscribed) {

        Contact contact(String accountId, int sameRoleBefore) {
            String address = email != null ? email : role.name().toLowerCase(Locale.ROOT)
                    + (sameRoleBefore == 0 ? "" : String.valueOf(sameRoleBefore + 1)) + "@" + accountId + ".test";
            return new Contact(accountId, address, name, role, timezone, active, unsubscribed);
        }
    }

    /** A milestone the account reached before now. */
    public record GivenMilestone(MilestoneType type, Moment at) {

        Milestone milestone(String accountId, Instant now) {
            return new Milestone(accountId, type, at.at(now));
        }
    }

    /** A play that ran (or still runs) for the account; cooldowns count from its start. */
    public record GivenRun(String play, Moment started, boolean running) {

        PlayRun run(long id, String accountId, Instant now) {
            return new PlayRun(id, accountId, play, running, started.at(now));
        }
    }
}
