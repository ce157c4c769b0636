package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * A demo account with what the generators need beyond the {@link Account} itself.
 *
 * @param slug  the company's name in ids and email domains
 * @param seats licensed users; usage, ARR and support volume scale with it
 */
record DemoAccount(Account account, Story story, String slug, int seats) {

    /** Days of history the data set holds, today included: the 28-day baseline, the last week and room to spare. */
    static final int HISTORY_DAYS = 60;

    String id() {
        return account.id();
    }

    /** The first day with history: 59 days ago, or the start of the contract if that is later. */
    LocalDate historyStart(LocalDate today) {
        LocalDate start = today.minusDays(HISTORY_DAYS - 1L);
        return account.startedOn().isAfter(start) ? account.startedOn() : start;
    }

    /**
     * A random stream of its own for each account and purpose, so that adding a ticket to one account
     * does not reshuffle every other account's usage.
     */
    Random random(long seed, String purpose) {
        return random(seed, slug, purpose);
    }

    static Random random(long seed, String slug, String purpose) {
        return new Random(31 * seed + (slug + "/" + purpose).hashCode());
    }

    /** A stable external id: the same account, kind and parts give the same id on every load. */
    String signalId(String kind, Object... parts) {
        StringBuilder id = new StringBuilder("demo-").append(kind).append('-').append(slug);
        for (Object part : parts) {
            id.append('-').append(part);
        }
        return id.toString();
    }

    /** A moment on a day, in UTC: the engine counts usage in UTC days. */
    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }
}
